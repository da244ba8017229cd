package io.dataknobs.backend.sqlite;

import io.dataknobs.core.base.EngineFailure;
import io.dataknobs.core.sql.SqlDialect;
import java.sql.SQLException;

/** SQLite's JSON1 functions; LIKE is ASCII case-insensitive; REGEXP is a Java function we register. */
final class SqliteDialect implements SqlDialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  @Override
  public String name() {
    return "sqlite";
  }

  /**
   * SQLite reports result codes, not SQLStates (sqlite-jdbc puts the extended code in
   * {@code getErrorCode()}; the low byte is the primary code). Busy, locked, interrupted and out
   * of memory may pass; values and statements beyond SQLite's limits are bad input; I/O, full
   * disk, corruption, permissions and a missing table are failures.
   */
  /**
   * A LIMIT keeps SQLite from flattening the derived table, which would copy each extracted JSON
   * value into every aggregate using it (a grouped count, sum, avg, min and max took 2.3 times
   * as long).
   */
  @Override
  public String derivedTable(String columns, String from) {
    return "SELECT " + columns + " FROM " + from + " LIMIT -1";
  }

  /** json_extract gives integers, reals and text as SQL values of those types. */
  @Override
  public boolean typedRawValues() {
    return true;
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    if (e instanceof org.sqlite.SQLiteException se) {
      org.sqlite.SQLiteErrorCode code = se.getResultCode();
      return code == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || code == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
    }
    return e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed");
  }

  @Override
  public EngineFailure classify(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return switch (e.getErrorCode() & 0xff) {
      case 5, 6, 7, 9 -> EngineFailure.TRANSIENT; // BUSY, LOCKED, NOMEM, INTERRUPT
      case 18, 19, 20, 25 -> EngineFailure.BAD_INPUT; // TOOBIG, CONSTRAINT, MISMATCH, RANGE
      case 1 -> m.contains("overflow") || m.contains("too large") || m.contains("too many") || m.contains("too complex") || m.contains("too big")
          || m.contains("stack overflow") || m.contains("regular expression") ? EngineFailure.BAD_INPUT : EngineFailure.FAILURE;
      case 0 -> m.contains("closed") ? EngineFailure.TRANSIENT : SqlDialect.super.classify(e);
      default -> EngineFailure.FAILURE; // IOERR, FULL, CORRUPT, CANTOPEN, PERM, READONLY, NOTADB, ...
    };
  }

  @Override
  public String jsonColumnType() {
    return "TEXT";
  }

  @Override
  public String rawType(String column, String path) {
    return "json_type(" + column + ", '" + path + "')";
  }

  @Override
  public String rawValue(String column, String path) {
    return "json_extract(" + column + ", '" + path + "')";
  }

  @Override
  public String classOf(String rawType, String rawValue) {
    return "(CASE " + rawType + " WHEN 'integer' THEN 'n' WHEN 'real' THEN 'n' WHEN 'text' THEN 's' WHEN 'true' THEN 't'"
        + " WHEN 'false' THEN 'f' WHEN 'array' THEN 'a' WHEN 'object' THEN 'o' WHEN 'null' THEN 'z' END)";
  }

  @Override
  public String numberFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " IN ('integer', 'real') THEN " + rawValue + " END)";
  }

  @Override
  public String integralFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " = 'integer' THEN " + rawValue + " END)";
  }

  @Override
  public String textFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " = 'text' THEN " + rawValue + " END)";
  }

  @Override
  public String numberOf(String column, String path) {
    return "json_extract(" + column + ", '" + path + "')";
  }

  @Override
  public String limitOffset(Integer limit, int offset) {
    return " LIMIT " + (limit == null ? -1 : limit) + (offset > 0 ? " OFFSET " + offset : "");
  }

  @Override
  public String textOf(String column, String path) {
    return "json_extract(" + column + ", '" + path + "')";
  }

  @Override
  public String hintOf(String column, String key) {
    return "json_extract(" + column + ", '$.\"" + key + "\"')";
  }

  @Override
  public String truthy(String expr) {
    return "COALESCE((" + expr + "), 0)";
  }

  @Override
  public String likeIgnoreCase(String text) {
    return text + " LIKE ?";
  }

  @Override
  public String startsWith(String text) {
    return "substr(" + text + ", 1, ?) = ?";
  }

  @Override
  public Object[] startsWithParams(String prefix) {
    return new Object[] {prefix.codePointCount(0, prefix.length()), prefix};
  }

  @Override
  public String regex(String text, String pattern) {
    return "regexp(?, " + text + ") = 1";
  }

  @Override
  public String insertionOrder() {
    return "rowid";
  }

  @Override
  public String explain() {
    return "EXPLAIN QUERY PLAN";
  }
}

package io.dataknobs.backend.duckdb;

import io.dataknobs.core.base.EngineFailure;
import io.dataknobs.core.sql.SqlDialect;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DuckDB's JSON extension; ILIKE for case-insensitive LIKE; RE2 for regexes that read the same
 * in RE2 and {@link java.util.regex.Pattern}; a sequence column for insertion order.
 */
final class DuckDbDialect implements SqlDialect {
  static final DuckDbDialect INSTANCE = new DuckDbDialect();

  /** Java-only or differently read regex syntax: flags/groups, anchors, escapes RE2 lacks or reads differently. */
  private static final Pattern JAVA_ONLY = Pattern.compile("\\(\\?|\\$|\\\\[pPQEGzZRXhHkKbB0-9]|[*+?}][+]");

  @Override
  public String name() {
    return "duckdb";
  }


  private static final java.util.regex.Pattern ERROR_TYPE = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z ]*?) Error:");

  /**
   * DuckDB's JDBC driver sets no SQLState; its messages start with the engine's error type
   * ({@code "Conversion Error: …"}). Write-write conflicts, interrupts, memory pressure and a
   * closed connection may pass; values and patterns the engine refuses are bad input; catalog,
   * I/O, permission, parser and binder errors (the statement is the project's own), and internal
   * errors are failures.
   */
  @Override
  public EngineFailure classify(SQLException e) {
    String m = String.valueOf(e.getMessage());
    java.util.regex.Matcher t = ERROR_TYPE.matcher(m);
    String type = t.find() ? t.group(1).toLowerCase(java.util.Locale.ROOT) : "";
    if (type.isEmpty()) {
      return m.contains("closed") || m.contains("interrupted") ? EngineFailure.TRANSIENT : SqlDialect.super.classify(e);
    }
    if (type.contains("transaction") || type.contains("interrupt") || type.contains("out of memory") || type.contains("connection")) {
      return EngineFailure.TRANSIENT;
    }
    return switch (type) {
      case "constraint", "conversion", "invalid input", "out of range", "not implemented", "invalid type", "syntax" -> EngineFailure.BAD_INPUT;
      default -> EngineFailure.FAILURE;
    };
  }

  @Override
  public String jsonColumnType() {
    return "JSON";
  }

  @Override
  public String textColumnType() {
    return "VARCHAR";
  }

  @Override
  public String rawType(String column, String path) {
    return "json_type(" + column + ", '" + path + "')";
  }

  @Override
  public String rawValue(String column, String path) {
    return "json_extract_string(" + column + ", '" + path + "')";
  }

  @Override
  public String classOf(String rawType, String rawValue) {
    return "(CASE " + rawType + " WHEN 'BIGINT' THEN 'n' WHEN 'UBIGINT' THEN 'n' WHEN 'DOUBLE' THEN 'n' WHEN 'HUGEINT' THEN 'n'"
        + " WHEN 'VARCHAR' THEN 's' WHEN 'BOOLEAN' THEN (CASE WHEN " + rawValue + " = 'true' THEN 't' ELSE 'f' END)"
        + " WHEN 'ARRAY' THEN 'a' WHEN 'OBJECT' THEN 'o' WHEN 'NULL' THEN 'z' END)";
  }

  @Override
  public String numberFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT') THEN TRY_CAST(" + rawValue + " AS DOUBLE) END)";
  }

  @Override
  public String integralFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(" + rawValue + " AS BIGINT) END)";
  }

  @Override
  public String textFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " = 'VARCHAR' THEN " + rawValue + " END)";
  }

  @Override
  public String numberOf(String column, String path) {
    return "TRY_CAST(json_extract_string(" + column + ", '" + path + "') AS DOUBLE)";
  }

  @Override
  public String textOf(String column, String path) {
    return "json_extract_string(" + column + ", '" + path + "')";
  }

  @Override
  public String hintOf(String column, String key) {
    // most rows carry no hint for the key: a substring test spares parsing their hints per row
    return "(CASE WHEN " + column + " IS NULL OR NOT contains(" + column + ", '\"" + key + "\"') THEN NULL ELSE json_extract_string("
        + column + ", '$.\"" + key + "\"') END)";
  }

  @Override
  public String truthy(String expr) {
    return "COALESCE((" + expr + "), FALSE)";
  }

  @Override
  public String likeIgnoreCase(String text) {
    return text + " ILIKE ?";
  }

  @Override
  public String startsWith(String text) {
    return "starts_with(" + text + ", ?)";
  }

  @Override
  public String regex(String text, String pattern) {
    // RE2 refuses repetitions above 1000 that Java accepts
    return JAVA_ONLY.matcher(pattern).find() || SqlDialect.largestRepetition(pattern) > 1000 ? null : "regexp_matches(" + text + ", ?)";
  }

  @Override
  public String memberOfList(String expr, boolean numeric) {
    return expr + " IN (SELECT unnest(CAST(json_extract_string(CAST(? AS JSON), '$[*]') AS " + (numeric ? "DOUBLE" : "VARCHAR") + "[])))";
  }

  @Override
  public String expressionIndexLimitation() {
    return "DuckDB cannot index JSON expressions; its zone maps and vectorized scans serve filters without them";
  }

  @Override
  public String insertionOrder() {
    return "seq";
  }

  @Override
  public List<String> beforeCreateTable(String tableName) {
    // a batch reserves a block of numbers with one draw; a single insert takes a block's first
    return List.of("CREATE SEQUENCE IF NOT EXISTS " + sequenceName(tableName) + " INCREMENT BY " + InsertionNumbers.BLOCK);
  }

  @Override
  public String extraColumns(String tableName) {
    return ", seq BIGINT NOT NULL DEFAULT nextval('" + sequenceName(tableName) + "')";
  }

  /** @return the sequence that numbers a table's rows in insertion order */
  String sequenceName(String tableName) {
    return tableName + "_seq";
  }

  /** A keyset page query scans and sorts; a cursor streams chunk by chunk under MVCC, blocking no writer. */
  @Override
  public boolean cursorStreams() {
    return true;
  }

  @Override
  public boolean isUniqueViolation(java.sql.SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Duplicate key") || m.contains("violates primary key") || m.contains("PRIMARY KEY or UNIQUE constraint");
  }

  /**
   * Replaces the table with an empty one: DuckDB deletes keyed rows slowly (100k take about 2 s)
   * and later inserts pay for the deleted keys, while a new table takes a millisecond. The
   * sequence is kept, so insertion order stays increasing.
   */
  @Override
  public List<String> clear(io.dataknobs.core.sql.TableLayout layout) {
    return List.of("DROP TABLE " + layout.quoted(), layout.createTable());
  }

  /**
   * Text cast to VARCHAR: a parameter of a JSON column is planned as JSON, and DuckDB plans the
   * statement again on every run when text is bound to it.
   */
  @Override
  public String jsonParameter() {
    return "CAST(? AS VARCHAR)";
  }

  /**
   * A flag and a value of the column's type ({@code CASE WHEN ? THEN CAST(? AS type) END}):
   * DuckDB plans a statement again on every run when a NULL is bound (the driver binds a NULL
   * without a type), which made a single insert of the bench's records cost 1.5 times as much
   * (600-720 a second against 890-1,140 with this form, driver alone).
   */
  @Override
  public String nullableParameter(String sqlType) {
    return "CASE WHEN ? THEN CAST(? AS " + sqlType + ") END";
  }

  /** Binds whether the value is there, then the value, or a value of the same type standing for none. */
  @Override
  public int bindNullable(java.sql.PreparedStatement ps, int at, Object value, int jdbcType) throws SQLException {
    ps.setBoolean(at, value != null);
    if (value != null) {
      ps.setObject(at + 1, value);
    } else if (jdbcType == java.sql.Types.BIGINT) {
      ps.setLong(at + 1, 0);
    } else if (jdbcType == java.sql.Types.DOUBLE) {
      ps.setDouble(at + 1, 0);
    } else {
      ps.setString(at + 1, "");
    }
    return at + 2;
  }
}

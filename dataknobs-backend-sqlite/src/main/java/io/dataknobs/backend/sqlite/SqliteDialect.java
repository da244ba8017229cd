package io.dataknobs.backend.sqlite;

import io.dataknobs.core.sql.SqlDialect;

/** SQLite's JSON1 functions; LIKE is ASCII case-insensitive; REGEXP is a Java function we register. */
final class SqliteDialect implements SqlDialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  @Override
  public String name() {
    return "sqlite";
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

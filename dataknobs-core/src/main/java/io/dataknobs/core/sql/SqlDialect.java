package io.dataknobs.core.sql;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What differs between SQL engines for the shared translator and table layout. Every method
 * returning SQL gets only validated identifiers and path literals (see {@link JsonPath}); values
 * are always bound parameters.
 *
 * <p>JSON values are classified by {@link #typeOf} into one-letter classes, the same on every
 * engine: {@code n} number, {@code s} string, {@code t} true, {@code f} false, {@code a} array,
 * {@code o} object, {@code z} JSON null, SQL {@code NULL} when the path is missing.
 */
@ConsumerType
public interface SqlDialect {
  /** @return the engine name, for logs */
  String name();

  /** @return {@code identifier} quoted (it is validated already) */
  default String quote(String identifier) {
    return "\"" + identifier + "\"";
  }

  /** @return the SQL type of the JSON columns */
  String jsonColumnType();

  /** @return the SQL type of text columns (id, type hints) */
  default String textColumnType() {
    return "TEXT";
  }

  /** @return the engine's own type name of the JSON value at {@code path} (NULL when missing) */
  String rawType(String column, String path);

  /** @return the JSON value at {@code path} as the engine's scalar (text for DuckDB, typed for SQLite) */
  String rawValue(String column, String path);

  /** @return the one-letter class of a value given its {@link #rawType} and {@link #rawValue} expressions */
  String classOf(String rawType, String rawValue);

  /** @return the number of a value given its raw type and value (NULL unless it is a number) */
  String numberFrom(String rawType, String rawValue);

  /** @return the integer of a value given its raw type and value (NULL unless it is an integral number) */
  String integralFrom(String rawType, String rawValue);

  /** @return the text of a value given its raw type and value (NULL unless it is a string) */
  String textFrom(String rawType, String rawValue);

  /** @return an expression classifying the JSON value at {@code path} of {@code column} */
  default String typeOf(String column, String path) {
    return classOf(rawType(column, path), rawValue(column, path));
  }

  /** @return an expression giving the value at {@code path} as a number (valid when its class is {@code n}) */
  String numberOf(String column, String path);

  /** @return the value at {@code path} as an integer when the JSON number there is integral, else NULL */
  default String integralOf(String column, String path) {
    return integralFrom(rawType(column, path), rawValue(column, path));
  }

  /** @return an expression giving the value at {@code path} as text (valid when its class is {@code s}) */
  String textOf(String column, String path);

  /** @return an expression giving the value of a text type-hint map at the literal key {@code key} */
  String hintOf(String column, String key);

  /** @return {@code expr} as a non-null boolean (NULL becomes false) */
  String truthy(String expr);

  /** @return a case-insensitive LIKE of {@code text} against one bound ASCII pattern */
  String likeIgnoreCase(String text);

  /** @return a test that {@code text} starts with the bound prefix (binds the prefix per {@link #startsWithParams}) */
  String startsWith(String text);

  /** @return the parameters of {@link #startsWith} for {@code prefix} */
  default Object[] startsWithParams(String prefix) {
    return new Object[] {prefix};
  }

  /**
   * @return an unanchored, case-sensitive regular expression search of {@code text} against
   *     one bound pattern, or null if the engine cannot evaluate {@code pattern} exactly as
   *     {@link java.util.regex.Pattern} does
   */
  String regex(String text, String pattern);

  /** @return the expression of the insertion-order column, a unique, increasing integer ({@code rowid}) */
  String insertionOrder();

  /** @return null if the engine can index JSON-path expressions, else why not (for the error message) */
  default String expressionIndexLimitation() {
    return null;
  }

  /** @return statements to run before creating table {@code tableName} (sequences) */
  default java.util.List<String> beforeCreateTable(String tableName) {
    return java.util.List.of();
  }

  /** @return extra column definitions of the table, each starting with {@code ", "} */
  default String extraColumns(String tableName) {
    return "";
  }

  /** @return the LIMIT/OFFSET clause (leading space) for a limit (null: none) and an offset */
  default String limitOffset(Integer limit, int offset) {
    return (limit == null ? "" : " LIMIT " + limit) + (offset > 0 ? " OFFSET " + offset : "");
  }

  /** @return the statement prefix that asks for a query plan */
  default String explain() {
    return "EXPLAIN";
  }

  /**
   * @return true if a cursor only streams inside a transaction (pgjdbc fetches the whole result
   *     in autocommit mode)
   */
  default boolean cursorNeedsTransaction() {
    return false;
  }

  /**
   * @return a test that the JSON of {@code column} contains the bound JSON document (so that an
   *     inverted index can serve equality filters), or null if the engine has none
   */
  default String contains(String column) {
    return null;
  }

  /** @return a boolean literal */
  default String bool(boolean b) {
    return b ? "TRUE" : "FALSE";
  }
}

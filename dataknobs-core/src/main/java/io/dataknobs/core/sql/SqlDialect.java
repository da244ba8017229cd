package io.dataknobs.core.sql;

import io.dataknobs.core.base.EngineFailure;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
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

  /**
   * @return an expression giving the value at {@code path} as a number (valid when its class is
   *     {@code n}); it must not fail whatever the value is (NULL or any value will do), since the
   *     translator tests a value before its class: the value test rejects most rows for less
   */
  String numberOf(String column, String path);

  /** @return the value at {@code path} as an integer when the JSON number there is integral, else NULL */
  default String integralOf(String column, String path) {
    return integralFrom(rawType(column, path), rawValue(column, path));
  }

  /**
   * @return an expression giving the value at {@code path} as text (valid when its class is
   *     {@code s}); like {@link #numberOf} it must not fail for a value of another class
   */
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

  /**
   * The largest count in the pattern's counted repetitions ({@code a{2,5}} gives 5): engines
   * cap them (RE2 at 1000, PostgreSQL at 255) where {@link java.util.regex.Pattern} does not, so
   * a dialect's {@link #regex} leaves larger ones to the reference evaluator.
   *
   * @param pattern a regular expression
   * @return the largest repetition count, 0 if none (a count too large for an int gives
   *     {@link Integer#MAX_VALUE})
   * @since core.sql 1.1
   */
  static int largestRepetition(String pattern) {
    // {n}, {n,} or {n,m}; an escaped brace is literal
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<!\\\\)\\{(\\d+)(?:,(\\d*))?}").matcher(pattern);
    int max = 0;
    while (m.find()) {
      for (int g = 1; g <= 2; g++) {
        String n = m.group(g);
        if (n != null && !n.isEmpty()) {
          max = Math.max(max, n.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(n));
        }
      }
    }
    return max;
  }

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
   * @return true if an unsorted {@code streamRead} on an embedded engine should read through one
   *     cursor on a read connection instead of paging by keyset (one statement per page): right
   *     for an engine whose page query costs a scan and a sort (DuckDB pages 1,000 rows at 140k
   *     rows a second, a cursor reads 550k) and whose open cursor blocks no writer; false by default
   * @since core.sql 2.0
   */
  default boolean cursorStreams() {
    return false;
  }

  /**
   * A test of a number inside the JSON of {@code column} against a bound JSON-path predicate
   * such as {@code strict $."amount" >= 99.0}: true only where the path holds a JSON number
   * that compares so exactly (as decimals, the way the reference evaluator compares numbers),
   * and not where it holds text, a boolean, an array, an object or nothing. One access to the
   * JSON per row where the translator's portable form needs several, and one the planner can
   * estimate from the column's statistics.
   *
   * @param column the JSON column ({@code data} or {@code metadata})
   * @return the test with one parameter, the predicate's text, or null (the default) if the
   *     engine has no such test for that column
   * @since core.sql 2.0
   */
  default String numberPredicate(String column) {
    return null;
  }

  /**
   * @return a test that the JSON of {@code column} contains the bound JSON document (so that an
   *     inverted index can serve equality filters), or null if the engine has none
   */
  default String contains(String column) {
    return null;
  }

  /**
   * Sorts a failed statement by what the caller can do about it (see {@link EngineFailure}).
   * The default reads the standard SQLState classes: {@code 08} connection, {@code 40}
   * serialization failure and deadlock, {@code 57} shutdown and cancel (statement timeout),
   * {@code 53} resources but disk full, {@code HYT00} timeouts and the JDBC transient exception
   * types are transient; {@code 21}, {@code 22} (bad values, invalid regular expressions),
   * {@code 23}, {@code 54} (statement too large or complex) and {@code 0A} are bad input; the
   * rest is a failure. Engines without SQLStates override it with their own codes.
   *
   * @param e the driver's exception
   * @return the kind of failure
   * @since core.sql 1.1
   */
  default EngineFailure classify(SQLException e) {
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException) {
      return EngineFailure.TRANSIENT;
    }
    String state = e.getSQLState();
    if (state == null || state.length() < 2) {
      return e.getNextException() != null && e.getNextException() != e ? classify(e.getNextException()) : EngineFailure.FAILURE;
    }
    return switch (state.substring(0, 2)) {
      case "08", "40" -> EngineFailure.TRANSIENT;
      case "57" -> "57P04".equals(state) ? EngineFailure.FAILURE : EngineFailure.TRANSIENT;
      case "53" -> "53100".equals(state) ? EngineFailure.FAILURE : EngineFailure.TRANSIENT;
      case "55" -> "55P03".equals(state) || "55006".equals(state) ? EngineFailure.TRANSIENT : EngineFailure.FAILURE;
      case "HY" -> state.startsWith("HYT") || "HY008".equals(state) ? EngineFailure.TRANSIENT : EngineFailure.FAILURE;
      case "21", "22", "23", "54", "0A" -> EngineFailure.BAD_INPUT;
      default -> EngineFailure.FAILURE;
    };
  }

  /**
   * A test that {@code expr} is one of a list of values bound as one parameter (see
   * {@link #listParameter}), so a list of any length costs one parameter and no expression
   * depth. The default, for SQLite, reads a JSON array.
   *
   * @param expr a text expression, or a number expression when {@code numeric}
   * @param numeric true if the list holds numbers (compare as numbers), false for strings
   * @return the SQL, with one {@code ?} for the list
   * @since core.sql 1.1
   */
  default String memberOfList(String expr, boolean numeric) {
    return expr + " IN (SELECT value FROM json_each(?))";
  }

  /**
   * The parameter {@link #memberOfList} binds: by default a JSON array.
   *
   * @param values strings, or finite numbers ({@code Long}, {@code Double}, {@code BigDecimal})
   *     when {@code numeric}
   * @param numeric true for numbers
   * @return the value to bind
   * @since core.sql 1.1
   */
  default Object listParameter(java.util.List<?> values, boolean numeric) {
    StringBuilder json = new StringBuilder(values.size() * 8).append('[');
    com.fasterxml.jackson.core.io.JsonStringEncoder quote = com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();
    for (Object v : values) {
      if (json.length() > 1) {
        json.append(',');
      }
      if (numeric) {
        json.append(v);
      } else {
        // escaped straight into the array: no copy of each value
        quote.quoteAsString((String) v, json.append('"'));
        json.append('"');
      }
    }
    return json.append(']').toString();
  }

  /**
   * @param e a failed statement's exception
   * @return true if it reports a primary-key or unique violation; the default reads SQLState
   *     {@code 23505}
   * @since core.sql 2.0
   */
  default boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /**
   * @param table the quoted table name
   * @return a statement that locks the table against writes until the transaction ends, run
   *     before {@code clear} counts the rows it removes, or null if the engine's single writer
   *     makes that unnecessary
   * @since core.sql 2.0
   */
  default String lockForClear(String table) {
    return null;
  }

  /**
   * @param layout the table
   * @return the statements that remove every row, run in one transaction (the default deletes
   *     them; engines where a new table or TRUNCATE is cheaper say so)
   * @since core.sql 2.0
   */
  default java.util.List<String> clear(TableLayout layout) {
    return java.util.List.of("DELETE FROM " + layout.quoted());
  }

  /**
   * @return statements that set up the transaction a grouped aggregate runs in, scoped to that
   *     transaction (PostgreSQL's {@code SET LOCAL}); none by default, and then the aggregate runs
   *     on its own
   * @since core.sql 2.0
   */
  default java.util.List<String> groupingSettings() {
    return java.util.List.of();
  }

  /**
   * @param columns the derived table's select list
   * @param from what it selects from, with its WHERE clause
   * @return the SELECT of a derived table the engine computes once per row and does not merge
   *     into the query around it (merged, each extracted JSON value would be extracted again in
   *     every aggregate using it); plain by default
   * @since core.sql 2.0
   */
  default String derivedTable(String columns, String from) {
    return "SELECT " + columns + " FROM " + from;
  }

  /**
   * @return true if {@link #rawValue} gives JSON numbers as SQL numbers that keep integers exact
   *     and compare equal across integer and real ({@code 1 = 1.0}), strings as text, so
   *     aggregates group by the raw value and take sums, minimums and maximums from one column
   *     (SQLite); false by default
   * @since core.sql 2.0
   */
  default boolean typedRawValues() {
    return false;
  }

  /** @return a boolean literal */
  default String bool(boolean b) {
    return b ? "TRUE" : "FALSE";
  }

  /**
   * The placeholder of a JSON column's value ({@code data}, {@code metadata}) in a single-row
   * write, bound as text. A plain {@code ?} by default.
   *
   * @return SQL holding one parameter
   * @since core.sql 2.0
   */
  default String jsonParameter() {
    return "?";
  }

  /**
   * The placeholder of a value that may be NULL (type hints, typed columns) in a single-row
   * write, bound by {@link #bindNullable}. A plain {@code ?} by default. An engine that plans a
   * prepared statement for the types of its parameters and plans it again whenever a bound
   * value's type differs, as DuckDB does for a NULL, spells it so that every bound value has
   * the planned type.
   *
   * @param sqlType the column's SQL type ({@code VARCHAR}, {@code BIGINT} or {@code DOUBLE})
   * @return SQL holding the parameters {@link #bindNullable} binds
   * @since core.sql 2.0
   */
  default String nullableParameter(String sqlType) {
    return "?";
  }

  /**
   * Binds a value to a {@link #nullableParameter}.
   *
   * @param ps the statement
   * @param at the placeholder's first parameter
   * @param value a String, Long or Double of the placeholder's type, or null for SQL NULL
   * @param jdbcType the placeholder's type as a {@link java.sql.Types} constant
   * @return the parameter after the placeholder's
   * @throws SQLException from binding
   * @since core.sql 2.0
   */
  default int bindNullable(java.sql.PreparedStatement ps, int at, Object value, int jdbcType) throws SQLException {
    if (value == null) {
      ps.setNull(at, jdbcType);
    } else {
      ps.setObject(at, value);
    }
    return at + 1;
  }
}

package io.dataknobs.backend.postgres;


import io.dataknobs.core.sql.SqlDialect;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PostgreSQL: records keep their exact JSON text in {@code data}/{@code metadata} (what reads
 * decode, so key order and number spelling survive); queries read a JSONB copy of the data in
 * the generated column {@code data_jsonb} (which the GIN index covers) and cast the metadata.
 * Text compares under {@code COLLATE "C"}, which is code-point order for UTF-8; {@code ILIKE}
 * runs with {@code ESCAPE ''} so a backslash stays literal.
 */
final class PostgresDialect implements SqlDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  /**
   * Regex syntax PostgreSQL's AREs read differently from {@link java.util.regex.Pattern} (or that
   * depends on newline modes): flags, anchors at line ends, the dot, negated classes, POSIX
   * classes, escapes other than {@code \d \s \w} (and their negations) and escaped punctuation,
   * possessive quantifiers.
   */
  private static final Pattern JAVA_ONLY = Pattern.compile(
      "\\(\\?|\\$|\\.|\\[\\^|\\[[:=.]|\\\\[^dDsSwW\\p{Punct}]|[*+?}][+]|\\*\\*\\*");

  private PostgresDialect() {}

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public String jsonColumnType() {
    return "TEXT";
  }

  @Override
  public String textColumnType() {
    return "TEXT COLLATE \"C\"";
  }

  /**
   * @return the JSONB queries read for a stored JSON text column: the stored copy for the data,
   *     a cast for the (small, rarely filtered) metadata, which keeps bulk writes cheaper
   */
  private static String jsonb(String column) {
    return column.equals("data") ? "data_jsonb" : "CAST(" + column + " AS jsonb)";
  }

  /** {@code $."a"."b"} (validated by JsonPath: no quotes or dots inside a segment) as {@code '{"a","b"}'}. */
  static String pathArray(String literal) {
    return "'{" + literal.substring(2).replace("\".\"", "\",\"") + "}'";
  }

  /** @return the key of a one-segment path ({@code $."a"} gives {@code a}), or null for a longer path */
  private static String topLevelKey(String literal) {
    String inner = literal.substring(3, literal.length() - 1);
    return inner.contains("\"") ? null : inner;
  }

  /** A top-level key is read with {@code ->}, a little cheaper per row than a path array. */
  @Override
  public String rawType(String column, String path) {
    String key = topLevelKey(path);
    return "jsonb_typeof(" + jsonb(column) + (key != null ? " -> '" + key + "'" : " #> " + pathArray(path)) + ")";
  }

  @Override
  public String rawValue(String column, String path) {
    String key = topLevelKey(path);
    return "(" + jsonb(column) + (key != null ? " ->> '" + key + "'" : " #>> " + pathArray(path)) + ")";
  }

  @Override
  public String classOf(String rawType, String rawValue) {
    return "(CASE " + rawType + " WHEN 'number' THEN 'n' WHEN 'string' THEN 's' WHEN 'boolean' THEN (CASE WHEN " + rawValue
        + " = 'true' THEN 't' ELSE 'f' END) WHEN 'array' THEN 'a' WHEN 'object' THEN 'o' WHEN 'null' THEN 'z' END)";
  }

  /**
   * JSONB prints numbers without exponents: every double is at most about 330 digits
   * ({@code 1e300} is 301, the smallest subnormal 326), so the guard admits all of them and only
   * keeps a number beyond double range (stored before rule 10 refused them) from failing the
   * statement.
   */
  @Override
  public String numberFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " = 'number' AND length(" + rawValue + ") < 400 THEN CAST(" + rawValue
        + " AS double precision) END)";
  }

  /** JSONB prints numbers in plain notation, so a number is integral exactly when it has no point. */
  @Override
  public String integralFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " = 'number' AND strpos(" + rawValue + ", '.') = 0 THEN CAST(" + rawValue + " AS numeric) END)";
  }

  @Override
  public String textFrom(String rawType, String rawValue) {
    return "(CASE WHEN " + rawType + " = 'string' THEN " + rawValue + " END) COLLATE \"C\"";
  }

  @Override
  public String numberOf(String column, String path) {
    return numberFrom(rawType(column, path), rawValue(column, path));
  }

  @Override
  public String textOf(String column, String path) {
    return "(" + rawValue(column, path) + " COLLATE \"C\")";
  }

  @Override
  public String hintOf(String column, String key) {
    // most rows carry no hint for the key: a substring test spares parsing their hints per row
    return "(CASE WHEN " + column + " IS NULL OR strpos(" + column + ", '\"" + key + "\"') = 0 THEN NULL ELSE CAST(" + column
        + " AS jsonb) ->> '" + key + "' END)";
  }

  /** Containment on the data, which the GIN ({@code jsonb_path_ops}) index serves. */
  /** A jsonpath predicate over the jsonb copy: one access per row, estimated from its statistics. */
  @Override
  public String numberPredicate(String column) {
    return column.equals("data") ? "data_jsonb @@ CAST(? AS jsonpath)" : null;
  }

  @Override
  public String contains(String column) {
    return column.equals("data") ? "data_jsonb @> CAST(? AS jsonb)" : null;
  }

  @Override
  public String truthy(String expr) {
    return "COALESCE((" + expr + "), FALSE)";
  }

  @Override
  public String likeIgnoreCase(String text) {
    return text + " ILIKE ? ESCAPE ''";
  }

  @Override
  public String startsWith(String text) {
    return "starts_with(" + text + ", ?)";
  }

  @Override
  public String regex(String text, String pattern) {
    // PostgreSQL refuses repetitions above RE_DUP_MAX (255) that Java accepts
    return JAVA_ONLY.matcher(pattern).find() || SqlDialect.largestRepetition(pattern) > 255 ? null : text + " ~ ?";
  }

  /**
   * {@code = ANY} of an array parameter (pgjdbc binds {@code String[]} as {@code text[]} and
   * {@code double[]} as {@code float8[]}): in a plan made for the bound values the array is a
   * constant, which PostgreSQL (14+) hashes. A text literal cast to an array is not folded (the
   * array input function is only stable), and {@code IN (SELECT …)} over a long list is a subplan
   * that stops hashing once the list outgrows {@code work_mem}; both scan the list per row.
   */
  @Override
  public String memberOfList(String expr, boolean numeric) {
    return expr + " = ANY(?)";
  }

  @Override
  public Object listParameter(List<?> values, boolean numeric) {
    if (numeric) {
      double[] a = new double[values.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = ((Number) values.get(i)).doubleValue();
      }
      return a;
    }
    return values.toArray(new String[0]);
  }

  @Override
  public String insertionOrder() {
    return "seq";
  }

  @Override
  public String extraColumns(String tableName) {
    return ", seq BIGINT GENERATED ALWAYS AS IDENTITY, data_jsonb JSONB GENERATED ALWAYS AS (CAST(data AS jsonb)) STORED";
  }

  @Override
  public boolean cursorNeedsTransaction() {
    return true;
  }

  /**
   * A volatile column keeps PostgreSQL from pulling a derived table up into the aggregate, which
   * would evaluate each extracted JSON value once per aggregate using it (2.6 times as long).
   * {@code clock_timestamp()} is volatile but parallel safe, so the scan and the partial
   * aggregates still run on parallel workers, as they do for SQL written by hand; {@code OFFSET 0},
   * the usual fence, keeps the whole query on one process (0.5 times the hand-written rate on
   * two cores instead of 0.9).
   */
  @Override
  public String derivedTable(String columns, String from) {
    return "SELECT " + columns + ", clock_timestamp() AS fence FROM " + from;
  }

  /**
   * Grouped aggregates hash their groups. The planner cannot know how many groups values taken
   * out of JSON form, guesses a tenth of the rows, and above {@code work_mem} sorts every row
   * instead: 0.73 times the rate of the same SQL by hand at 1M records, 0.98 hashing. Hash
   * aggregation spills to disk when groups really are that many (PostgreSQL 13 and later), so
   * turning sorts off for this one transaction costs nothing when the guess was right. The same
   * guess makes the workers' partial hash tables look too big, and every row then crosses to the
   * leader to be grouped there (a filtered aggregate at 200k records: 221 ms, against 126 ms with
   * partial aggregation), so hash tables may use at least 8 times {@code work_mem} in this
   * transaction ({@code hash_mem_multiplier}, where the server has it; a larger one is kept).
   */
  @Override
  public List<String> groupingSettings() {
    return List.of("SET LOCAL enable_sort = off",
        "SELECT set_config('hash_mem_multiplier', CAST(greatest(CAST(current_setting('hash_mem_multiplier') AS float8), 8) AS text), true)"
            + " WHERE current_setting('hash_mem_multiplier', true) IS NOT NULL");
  }

  /** Writers wait while {@code clear} counts and empties the table. */
  @Override
  public String lockForClear(String table) {
    return "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE";
  }

  /**
   * TRUNCATE: DELETE would leave every row and index entry dead until vacuum, slowing the writes
   * that follow.
   */
  @Override
  public java.util.List<String> clear(io.dataknobs.core.sql.TableLayout layout) {
    return java.util.List.of("TRUNCATE " + layout.quoted());
  }
}

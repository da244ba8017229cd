package io.dataknobs.cli;

import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * {@code raw:appender}: DuckDB's Appender straight into the table, on the same kind of storage as
 * the API row it judges: in memory, or a file beside the database's file (recreated for each run).
 */
final class DuckDbRawBaseline extends JdbcRawBaseline {
  private final java.nio.file.Path file;

  private final String stored;
  private final Properties settings = new Properties();

  DuckDbRawBaseline(java.util.Map<String, Object> config) {
    super(config);
    this.file = rawFileBeside(config);
    this.stored = file == null ? null : String.valueOf(config.get("path"));
    // a second connection in this process shares the open database only with the same settings
    // as the backend's (it streams results)
    settings.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
    for (String key : new String[] {"threads", "memory_limit"}) {
      if (config.containsKey(key)) {
        settings.setProperty(key, String.valueOf(config.get(key)));
      }
    }
  }

  @Override
  Connection connect() throws SQLException {
    if (file == null) {
      return new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
    }
    released(); // a fresh file for each run
    return new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
  }

  @Override
  Connection connectStored() throws SQLException {
    return stored == null ? null : new DuckDBDriver().connect("jdbc:duckdb:" + stored, settings);
  }

  /**
   * Over the typed columns the backend keeps for the bench's fields (read from its side table),
   * as someone writing SQL by hand against that table would; over the JSON when it keeps none.
   * Rows are read packed into one JSON array each, as the backend reads them (the driver pays
   * per value read).
   */
  @Override
  PushDownBench.Sql handSql(Connection c, String table) throws SQLException {
    PushDownBench.Sql json = PushDownBench.Sql.patterns("(data ->> '$.%s')", "CAST(data ->> '$.%s' AS DOUBLE)",
        "CAST(data ->> '$.%s' AS BOOLEAN)", table);
    PushDownBench.Sql overJson = new PushDownBench.Sql(json.text(), json.number(), json.bool(), table, List.of(), 0, true);
    if (c == null) {
      return overJson;
    }
    List<String[]> kept = keptColumns(c, table);
    if (kept == null) {
      return overJson;
    }
    java.util.Map<String, java.util.Map<String, String>> columns = new java.util.HashMap<>();
    List<String> rowColumns = new java.util.ArrayList<>();
    int instantIndex = 0;
    int index = 3;
    for (String[] k : kept) {
      columns.computeIfAbsent(k[1], x -> new java.util.HashMap<>()).put(k[2], k[0]);
      rowColumns.add(k[0]);
      index++;
      if (k[1].equals("created") && k[2].equals("s")) {
        instantIndex = index;
      }
    }
    java.util.function.UnaryOperator<String> text = f -> columns.getOrDefault(f, java.util.Map.of()).getOrDefault("s", "NULL");
    java.util.function.UnaryOperator<String> number = f -> {
      java.util.Map<String, String> k = columns.getOrDefault(f, java.util.Map.of());
      return k.containsKey("i") && k.containsKey("n") ? "COALESCE(CAST(" + k.get("i") + " AS DOUBLE), " + k.get("n") + ")"
          : k.containsKey("i") ? "CAST(" + k.get("i") + " AS DOUBLE)" : k.getOrDefault("n", "NULL");
    };
    java.util.function.UnaryOperator<String> bool = f -> "(" + columns.getOrDefault(f, java.util.Map.of()).getOrDefault("k", "NULL") + " = 't')";
    return new PushDownBench.Sql(text, number, bool, table, rowColumns, instantIndex, true);
  }

  /**
   * @param c a connection to the database under test
   * @param table the quoted table of the database under test
   * @return the typed columns the backend keeps (column, field, kind letter), in table order, read
   *     from its side table; null when it keeps none
   */
  private static List<String[]> keptColumns(Connection c, String table) throws SQLException {
    String catalog = table.substring(1, table.length() - 1) + "_fields";
    try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?")) {
      ps.setString(1, catalog);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return null;
        }
      }
    }
    List<String[]> kept = new java.util.ArrayList<>();
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT field, slot, kind FROM \"" + catalog + "\" ORDER BY position")) {
      while (rs.next()) {
        kept.add(new String[] {"f" + rs.getInt(2) + "_" + rs.getString(3), rs.getString(1), rs.getString(3)});
      }
    }
    return kept.isEmpty() ? null : kept;
  }

  /**
   * {@code raw:create} inserts the row the backend stores for each record, into a table of the
   * same columns (read from the table the API's {@code create} row has just filled): the fields
   * in their typed columns (text, double, integer, a boolean's {@code t}/{@code f}, an Instant's
   * text and its {@code instant} hint), the JSON of the fields without one, {@code {}} metadata,
   * the version, times and insertion number; every column of the row is written, as the API
   * writes it (DuckDB's single insert costs by the column: 16 columns against 5). Beside it,
   * {@code raw:create(json)} inserts the record as one JSON text into a table of 5 columns: what
   * an application without typed columns pays.
   */
  @Override
  public List<BenchRow> singleCreates(List<Record> data, int n) {
    List<String[]> kept;
    List<String[]> definitions = new java.util.ArrayList<>();
    try (Connection c = connectStored()) {
      kept = c == null ? null : keptColumns(c, tableUnderTest());
      if (kept == null) {
        return super.singleCreates(data, n);
      }
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable FROM duckdb_columns()"
          + " WHERE table_name = ? ORDER BY column_index")) {
        ps.setString(1, tableUnderTest().substring(1, tableUnderTest().length() - 1));
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            definitions.add(new String[] {rs.getString(1), rs.getString(2), rs.getBoolean(3) ? "" : " NOT NULL"});
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("raw baseline cannot read the table under test: " + e.getMessage(), e);
    }
    List<String> columns = new java.util.ArrayList<>();
    List<String> written = new java.util.ArrayList<>();
    List<String> placeholders = new java.util.ArrayList<>();
    for (String[] d : definitions) {
      columns.add(d[0] + " " + d[1] + d[2] + (d[0].equals("id") ? " PRIMARY KEY" : ""));
      if (!d[0].endsWith("_types")) { // the bench's records carry no type hints outside the typed columns: left NULL
        written.add(d[0]);
        placeholders.add(d[1].equals("JSON") ? jsonParameter() : "?");
      }
    }
    String ddl = "CREATE TABLE " + table() + " (" + String.join(", ", columns) + ")";
    String insert = "INSERT INTO " + table() + " (" + String.join(", ", written) + ") VALUES (" + String.join(", ", placeholders) + ")";
    java.util.Map<String, String[]> typed = new java.util.HashMap<>();
    java.util.Set<String> inColumns = new java.util.HashSet<>();
    kept.forEach(k -> {
      typed.put(k[0], k);
      inColumns.add(k[1]);
    });
    long now = System.currentTimeMillis();
    // each column's value, resolved once before the timed inserts, as a hand-written insert would be
    List<ColumnValue> values = new java.util.ArrayList<>();
    for (String column : written) {
      String[] k = typed.get(column);
      values.add(switch (column) {
        case "id" -> (r, i) -> r.id();
        case "data" -> (r, i) -> {
          java.util.Map<String, Object> rest = new java.util.LinkedHashMap<>();
          r.data().forEach((f, v) -> {
            if (!inColumns.contains(f)) {
              rest.put(f, v);
            }
          });
          return encode(rest);
        };
        case "metadata" -> (r, i) -> "{}";
        case "version", "seq" -> (r, i) -> (long) i;
        case "created_at", "updated_at" -> (r, i) -> now;
        default -> {
          if (k == null) {
            throw new IllegalStateException("raw:create cannot fill column " + column + " of " + tableUnderTest());
          }
          char kind = k[2].charAt(0);
          yield (r, i) -> typedValue(r.data().get(k[1]), kind);
        }
      });
    }
    BenchRow stored = singleInserts(ddl, insert, n, "raw:create", (ps, i) -> {
      Record r = data.get(i);
      for (int at = 0; at < values.size(); at++) {
        Object value = values.get(at).of(r, i);
        if (value == null) {
          throw new IllegalStateException("raw:create writes the bench's records only: no value for column " + written.get(at) + " of " + r.id());
        }
        ps.setObject(at + 1, value);
      }
    });
    return List.of(stored, jsonCreates(data, n, "raw:create(json)"));
  }

  /** One column's value for the {@code i}th record of the bench. */
  @FunctionalInterface
  private interface ColumnValue {
    Object of(Record r, int i);
  }

  /** @return the value a typed column of kind {@code kind} holds for {@code v}, as written by hand for the bench's fields */
  private static Object typedValue(Object v, char kind) {
    return switch (kind) {
      case 'n' -> v instanceof Number x ? x.doubleValue() : null;
      case 'i' -> v instanceof Number x ? x.longValue() : null;
      case 's' -> v instanceof String || v instanceof java.time.Instant ? v.toString() : null;
      case 'k' -> v instanceof Boolean b ? (b ? "t" : "f") : null;
      case 'h' -> v instanceof java.time.Instant ? "instant" : null;
      default -> null;
    };
  }

  @Override
  String nativeCopy(PushDownBench.Sql sql) {
    return "CREATE OR REPLACE TEMP TABLE bench_native AS SELECT " + sql.text("category") + " AS category, " + sql.number("amount")
        + " AS amount, CAST(" + sql.number("quantity") + " AS BIGINT) AS quantity, " + sql.bool("active") + " AS active FROM " + sql.table();
  }

  /** Text bound to a JSON parameter makes DuckDB plan the insert again on every run; bound as VARCHAR it does not. */
  @Override
  String jsonParameter() {
    return "CAST(? AS VARCHAR)";
  }

  @Override
  String bulkMethod() {
    return "raw:appender";
  }

  @Override
  void bulkInsert(Connection c, List<String[]> rows) throws SQLException {
    long now = System.currentTimeMillis();
    long n = 0;
    try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw")) {
      for (String[] row : rows) {
        a.beginRow().append(row[0]).append(row[1]).append(++n).append(now).append(now).endRow();
      }
    }
  }

  @Override
  String aggregateSql() {
    return "SELECT json_extract_string(data, '$.category') AS c, count(*), sum(TRY_CAST(json_extract_string(data, '$.amount') AS DOUBLE)),"
        + " avg(TRY_CAST(json_extract_string(data, '$.amount') AS DOUBLE)) FROM raw GROUP BY c";
  }

  @Override
  String idListCondition() {
    return "id IN (SELECT unnest(CAST(json_extract_string(CAST(? AS JSON), '$[*]') AS VARCHAR[])))";
  }

  @Override
  void released() {
    if (file != null) {
      deleteWith(file, "", ".wal");
    }
  }
}

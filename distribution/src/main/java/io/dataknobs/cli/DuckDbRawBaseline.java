package io.dataknobs.cli;

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
    String catalog = table.substring(1, table.length() - 1) + "_fields";
    java.util.Map<String, java.util.Map<String, String>> columns = new java.util.HashMap<>();
    List<String> rowColumns = new java.util.ArrayList<>();
    int instantIndex = 0;
    int index = 3;
    try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?")) {
      ps.setString(1, catalog);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return overJson;
        }
      }
    }
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT field, slot, kind FROM \"" + catalog + "\" ORDER BY position")) {
      while (rs.next()) {
        String column = "f" + rs.getInt(2) + "_" + rs.getString(3);
        columns.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>()).put(rs.getString(3), column);
        rowColumns.add(column);
        index++;
        if (rs.getString(1).equals("created") && rs.getString(3).equals("s")) {
          instantIndex = index;
        }
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

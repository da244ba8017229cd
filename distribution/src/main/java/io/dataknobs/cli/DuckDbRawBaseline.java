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

  @Override
  PushDownBench.Sql handSql(String table) {
    return new PushDownBench.Sql("(data ->> '$.%s')", "CAST(data ->> '$.%s' AS DOUBLE)", "CAST(data ->> '$.%s' AS BOOLEAN)", table);
  }

  @Override
  String nativeCopy(String table) {
    return "CREATE OR REPLACE TEMP TABLE bench_native AS SELECT data ->> '$.category' AS category, CAST(data ->> '$.amount' AS DOUBLE) AS amount,"
        + " CAST(data ->> '$.quantity' AS BIGINT) AS quantity, CAST(data ->> '$.active' AS BOOLEAN) AS active FROM " + table;
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

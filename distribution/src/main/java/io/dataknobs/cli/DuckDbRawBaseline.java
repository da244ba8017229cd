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
    this.file = RawFiles.rawFileBeside(config);
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
    List<String[]> kept = DuckDbStoredRow.keptColumns(c, table);
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

  /** @return the row the API's table stores, read from it; null when it cannot be reached or keeps no typed columns */
  private DuckDbStoredRow storedRow() {
    try (Connection c = connectStored()) {
      return c == null ? null : DuckDbStoredRow.read(c, tableUnderTest(), this::encode);
    } catch (SQLException e) {
      throw new IllegalStateException("raw baseline cannot read the table under test: " + e.getMessage(), e);
    }
  }

  /**
   * {@code raw:create} inserts the row the backend stores for each record ({@link DuckDbStoredRow}:
   * every column of the row is written, as the API writes it; DuckDB's single insert costs by the
   * column, 16 against 5). Beside it, {@code raw:create(json)} inserts the record as one JSON text
   * into a table of 5 columns: what an application without typed columns pays.
   */
  @Override
  public List<BenchRow> singleCreates(List<Record> data, int n) {
    DuckDbStoredRow row = storedRow();
    if (row == null) {
      return super.singleCreates(data, n);
    }
    BenchRow stored = singleInserts(row.ddl(table()), row.insert(table()), n, "raw:create", (ps, i) -> row.bind(ps, data.get(i), i));
    return List.of(stored, jsonCreates(data, n, "raw:create(json)"));
  }

  /**
   * The Appender's rows are the backend's own row ({@link DuckDbStoredRow}: sixteen columns for
   * the bench's records) where its table can be read, so {@code raw:appender} and its batches
   * judge the API's bulk writes by the row they store; {@code raw:appender(json)} appends the five
   * JSON columns beside it.
   */
  @Override
  BulkRows storedRows() {
    DuckDbStoredRow row = storedRow();
    if (row == null) {
      return jsonRows();
    }
    String ddl = row.ddl(table());
    return new BulkRows() {
      @Override
      public String ddl() {
        return ddl;
      }

      @Override
      public void insert(Connection c, List<Record> part, long first) throws SQLException {
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw")) {
          for (int k = 0; k < part.size(); k++) {
            row.append(a, part.get(k), first + k);
          }
        }
      }
    };
  }

  @Override
  String nativeCopy(PushDownBench.Sql sql) {
    return "CREATE OR REPLACE TEMP TABLE bench_native AS SELECT " + sql.text("category") + " AS category, " + sql.number("amount")
        + " AS amount, CAST(" + sql.number("quantity") + " AS BIGINT) AS quantity, " + sql.bool("active") + " AS active FROM " + sql.table();
  }

  /** Text bound to a JSON parameter makes DuckDB plan the insert again on every run; bound as VARCHAR it does not. */
  static final String JSON_PARAMETER = "CAST(? AS VARCHAR)";

  @Override
  String jsonParameter() {
    return JSON_PARAMETER;
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
      RawFiles.deleteWith(file, "", ".wal");
    }
  }
}

package io.dataknobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's work done straight through JDBC, without Dataknobs: the same records serialized
 * with Jackson into a table of the same shape (id, JSON data, version, timestamps), then the
 * same grouped aggregation in hand-written SQL. The bulk insert runs once as a single transaction
 * (the engine's ceiling), and, right after each API bulk row, once in that row's batch size with
 * one transaction per batch, the work an all-or-nothing batch write cannot avoid.
 */
abstract class JdbcRawBaseline implements RawBaseline {
  /** Batch sizes of the API's bulk rows: {@code createBatch(500)} and {@code streamWrite}'s batches. */
  static final int[] BATCHES = {500, Bench.STREAM_BATCH};

  private final ObjectMapper json = new ObjectMapper();

  /** @return a fresh connection to an empty database of the engine's default kind */
  abstract Connection connect() throws SQLException;

  /**
   * @return a connection to the database under test (its file, or its server), or null when it
   *     cannot be reached from outside (an in-memory embedded database)
   */
  abstract Connection connectStored() throws SQLException;

  /**
   * @param table the quoted table of the database under test
   * @return how the engine spells hand-written SQL over that table's JSON column
   */
  abstract PushDownBench.Sql handSql(Connection c, String table) throws SQLException;

  /**
   * @param sql how hand-written SQL reads the table of the database under test
   * @return a statement copying the bench's fields into natively typed columns of table
   *     {@code bench_native} on the same connection, or null when the engine is not judged
   *     against native columns (only DuckDB, the analytics engine, is)
   */
  String nativeCopy(PushDownBench.Sql sql) {
    return null;
  }

  /** @return the quoted name of the API's table in {@code config} */
  static String storedTable(Map<String, Object> config) {
    return "\"" + config.getOrDefault("table", "records") + "\"";
  }

  /** {@inheritDoc} Written by hand over the API's own table: see {@link StoredTableReads}. */
  @Override
  public List<BenchRow> pushDown(io.dataknobs.api.Database db, List<Record> data, int searches) {
    return new StoredTableReads(this).run(db, data, searches);
  }

  /**
   * {@code n} single inserts of each record as one JSON text, each its own auto-committed
   * statement, into a fresh table on the same storage as the API's: the engine's own rate for one
   * durable write at a time.
   */
  @Override
  public List<BenchRow> singleCreates(List<Record> data, int n) {
    return List.of(jsonCreates(data, n, "raw:create"));
  }

  /** {@link #singleCreates}'s JSON rows, reported as {@code method}. */
  final BenchRow jsonCreates(List<Record> data, int n, String method) {
    long now = System.currentTimeMillis();
    return singleInserts(createTable(), "INSERT INTO " + table() + " (id, data, version, created_at, updated_at) VALUES (?, " + jsonParameter()
        + ", ?, ?, ?)", n, method, (ps, i) -> {
          Record r = data.get(i);
          ps.setString(1, r.id());
          ps.setString(2, encode(r));
          ps.setLong(3, i);
          ps.setLong(4, now);
          ps.setLong(5, now);
        });
  }

  /** Binds the parameters of the {@code i}th single insert. */
  @FunctionalInterface
  interface RowBinder {
    void bind(PreparedStatement ps, int i) throws SQLException;
  }

  /**
   * Runs {@code n} auto-committed executions of {@code insert} on a fresh table made by
   * {@code ddl}, timing the inserts alone.
   */
  final BenchRow singleInserts(String ddl, String insert, int n, String method, RowBinder binder) {
    return onFreshTable(ddl, c -> {
      long start = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        for (int i = 0; i < n; i++) {
          binder.bind(ps, i);
          ps.executeUpdate();
        }
      }
      return new BenchRow(method, n, (System.nanoTime() - start) / 1e9);
    });
  }

  /** @return the placeholder of the JSON column's text in a single insert, as someone who knows the engine writes it */
  String jsonParameter() {
    return "?";
  }

  /** Timed work on the baseline's own storage. */
  @FunctionalInterface
  private interface TableWork {
    BenchRow run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on a fresh connection and a freshly created table, then drops the table
   * and removes what the baseline left behind.
   */
  private BenchRow onFreshTable(String ddl, TableWork work) {
    try (Connection c = connect()) {
      try {
        freshTable(c, ddl);
        return work.run(c);
      } finally {
        cleanUp(c);
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE IF EXISTS " + table());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("raw baseline failed: " + e.getMessage(), e);
    } finally {
      released();
    }
  }


  /** The quoted table of the database under test. */
  private final String tableUnderTest;

  /** @param config the configuration of the database under test */
  JdbcRawBaseline(Map<String, Object> config) {
    this.tableUnderTest = storedTable(config);
  }

  /** @return the quoted table of the database under test */
  final String tableUnderTest() {
    return tableUnderTest;
  }

  /** @return the name of the bulk-insert row ({@code raw:batch}, {@code raw:appender}) */
  abstract String bulkMethod();

  /** Inserts {@code rows} (id, json) in one transaction, the engine's fastest plain-JDBC way. */
  abstract void bulkInsert(Connection c, List<String[]> rows) throws SQLException;

  /** @return the grouped count/sum/avg over {@code category} and {@code amount} */
  abstract String aggregateSql();

  /** @return the baseline's table (a private in-memory database's {@code raw} by default) */
  String table() {
    return "raw";
  }

  /** Removes what the baseline left behind on a shared server (nothing for private in-memory databases). */
  void cleanUp(Connection c) throws SQLException {}

  /** Called once a connection of the baseline is closed: removes a file-backed baseline's files. */
  void released() {}

  String createTable() {
    return "CREATE TABLE " + table() + " (id VARCHAR PRIMARY KEY, data JSON NOT NULL, version BIGINT NOT NULL, created_at BIGINT NOT NULL,"
        + " updated_at BIGINT NOT NULL)";
  }

  String encode(Record r) {
    return encode(r.data());
  }

  /** @return {@code data} as JSON text, temporal values as their ISO text */
  final String encode(Map<String, Object> data) {
    Map<String, Object> plain = new LinkedHashMap<>();
    data.forEach((k, v) -> plain.put(k, v instanceof Temporal ? v.toString() : v));
    try {
      return json.writeValueAsString(plain);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<BenchRow> run(List<Record> data) {
    try (Connection c = connect()) {
      try {
        return measure(c, data);
      } finally {
        cleanUp(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("raw baseline failed: " + e.getMessage(), e);
    } finally {
      released();
    }
  }

  /**
   * How a raw bulk row stores a batch of records: its table and its insert. The JSON row by
   * default (id, JSON data, version, timestamps); DuckDB's the row the backend stores.
   */
  interface BulkRows {
    /** @return the statement creating the baseline's table */
    String ddl();

    /** Inserts {@code part}, whose first record is the {@code first}th of the bench, the engine's fastest plain-JDBC way. */
    void insert(Connection c, List<Record> part, long first) throws SQLException;
  }

  /** The JSON row: each record encoded with Jackson, inserted by {@link #bulkInsert}. */
  final BulkRows jsonRows() {
    return new BulkRows() {
      @Override
      public String ddl() {
        return createTable();
      }

      @Override
      public void insert(Connection c, List<Record> part, long first) throws SQLException {
        List<String[]> rows = new ArrayList<>(part.size());
        for (Record r : part) {
          rows.add(new String[] {r.id(), encode(r)});
        }
        bulkInsert(c, rows);
      }
    };
  }

  /** @return the row the bulk rows write to judge the API's bulk writes: the JSON row unless the engine stores another */
  BulkRows storedRows() {
    return jsonRows();
  }

  /**
   * The engine's ceiling (every record in one transaction), then, when the engine stores another
   * row than the JSON one, the JSON row's (named {@code …(json)}); the aggregate and the id list
   * by hand over the JSON row.
   */
  private List<BenchRow> measure(Connection c, List<Record> data) throws SQLException {
    List<BenchRow> out = new ArrayList<>();
    BulkRows json = jsonRows();
    BulkRows stored = storedRows();
    boolean own = !stored.ddl().equals(json.ddl());
    if (own) {
      out.add(new BenchRow(bulkMethod(), data.size(), inOneTransaction(c, data, stored, false)));
    }
    out.add(new BenchRow(own ? bulkMethod() + "(json)" : bulkMethod(), data.size(), inOneTransaction(c, data, json, true)));
    long start = System.nanoTime();
    long counted = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(aggregateSql())) {
      while (rs.next()) {
        counted += rs.getLong(2);
      }
    }
    double aggregateSeconds = (System.nanoTime() - start) / 1e9;
    if (counted != data.size()) {
      throw new IllegalStateException("raw aggregate counted " + counted + " of " + data.size());
    }
    out.add(new BenchRow("raw:aggregate", counted, aggregateSeconds));
    out.add(countIn(c, data));
    return out;
  }

  /** @return the engine's best hand-written test that {@code id} is in one bound list of ids */
  abstract String idListCondition();

  /** @return the hand-written {@code count(*) … WHERE id IN (100,000 ids)} over {@code table}, bound as one list */
  String countInSql(String table) {
    return "SELECT count(*) FROM " + table + " WHERE " + idListCondition();
  }

  /** @return the list parameter of {@link #idListCondition()}: a JSON array by default */
  Object idList(List<String> ids) throws SQLException {
    try {
      return json.writeValueAsString(ids);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private BenchRow countIn(Connection c, List<Record> data) throws SQLException {
    List<String> ids = Bench.inListIds(data);
    long start = System.nanoTime();
    long n;
    try (PreparedStatement ps = c.prepareStatement(countInSql(table()))) {
      ps.setObject(1, idList(ids));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        n = rs.getLong(1);
      }
    }
    return new BenchRow("raw:" + Bench.IN_LIST, n, (System.nanoTime() - start) / 1e9);
  }

  /** Every record in one insert, on a fresh table warmed by {@code rows} (and the queries by hand, when {@code queries}). */
  private double inOneTransaction(Connection c, List<Record> data, BulkRows rows, boolean queries) throws SQLException {
    freshTable(c, rows.ddl());
    warmUp(c, data.subList(0, Math.min(2000, data.size())), rows, queries);
    freshTable(c, rows.ddl());
    return timedInsert(c, data, data.size(), rows);
  }

  /**
   * On a fresh table (dropped afterwards), right after the API row of the same batch size, in the
   * row the engine stores ({@link #storedRows}).
   */
  @Override
  public BenchRow sameBatches(List<Record> data, int batch) {
    BulkRows rows = storedRows();
    return onFreshTable(rows.ddl(), c -> {
      warmUp(c, data.subList(0, Math.min(2000, data.size())), rows, false);
      freshTable(c, rows.ddl());
      return new BenchRow(bulkMethod() + "(" + batch + ")", data.size(), timedInsert(c, data, batch, rows));
    });
  }

  /**
   * Encodes and inserts every record, {@code batch} rows per transaction (the work an
   * all-or-nothing {@code createBatch} of that size has to do), and returns the seconds taken.
   * The rows are left in the table for the aggregation.
   */
  private double timedInsert(Connection c, List<Record> data, int batch, BulkRows rows) throws SQLException {
    long start = System.nanoTime();
    for (int from = 0; from < data.size(); from += batch) {
      rows.insert(c, data.subList(from, Math.min(data.size(), from + batch)), from);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table())) {
      rs.next();
      if (rs.getLong(1) != data.size()) {
        throw new IllegalStateException(bulkMethod() + "(" + batch + ") stored " + rs.getLong(1) + " of " + data.size());
      }
    }
    return seconds;
  }

  /**
   * The timed write meets a table as fresh as the API's: the warm-up's inserts and deletes leave
   * dead rows and a grown index behind (on PostgreSQL the API beat a raw COPY into such a table).
   */
  private void freshTable(Connection c, String ddl) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table());
      s.execute(ddl);
    }
  }

  /** Three rounds of inserting {@code sample} and deleting it, with the queries by hand in each when {@code queries}. */
  private void warmUp(Connection c, List<Record> sample, BulkRows rows, boolean queries) throws SQLException {
    for (int i = 0; i < 3; i++) {
      rows.insert(c, sample, 0);
      if (queries) {
        countIn(c, sample);
      }
      try (Statement s = c.createStatement()) {
        if (queries) {
          s.executeQuery(aggregateSql()).close();
        }
        s.execute("DELETE FROM " + table());
      }
    }
  }
}

package io.dataknobs.cli;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.backend.postgres.PostgresBackendProvider;
import io.dataknobs.backend.postgres.PostgresConnections;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code raw:copy}: pgjdbc's COPY into a table of the backend's shape (exact JSON text, a
 * generated JSONB copy with a GIN index, identity column) on the same server; and
 * {@code raw:read x8 (connect each)}: single-record reads on 8 threads with a new connection
 * per read, against which the API's pooled reads are compared.
 */
final class PostgresRawBaseline extends JdbcRawBaseline {
  static final int THREADS = 8;
  static final String POOLED = "read x" + THREADS + " (pool)";
  static final String UNPOOLED = "raw:read x" + THREADS + " (connect each)";
  private final Map<String, Object> config;
  private final DataSource server;

  PostgresRawBaseline(Map<String, Object> settings) {
    super(settings);
    this.config = RawBaseline.backendKeys(settings, new PostgresBackendProvider().configSpec());
    this.server = PostgresConnections.dataSource(config);
  }

  @Override
  Connection connect() throws SQLException {
    return server.getConnection();
  }

  @Override
  Connection connectStored() throws SQLException {
    return server.getConnection();
  }

  @Override
  PushDownBench.Sql handSql(Connection c, String table) {
    return PushDownBench.Sql.patterns("(data_jsonb ->> '%s')", "CAST(data_jsonb ->> '%s' AS double precision)", "CAST(data_jsonb ->> '%s' AS boolean)", table);
  }

  @Override
  String bulkMethod() {
    return "raw:copy";
  }

  @Override
  String table() {
    return "dataknobs_raw_" + ProcessHandle.current().pid();
  }

  @Override
  String createTable() {
    return "DROP TABLE IF EXISTS " + table() + "; CREATE TABLE " + table() + " (id TEXT COLLATE \"C\" PRIMARY KEY, data TEXT NOT NULL,"
        + " version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, seq BIGINT GENERATED ALWAYS AS IDENTITY,"
        + " data_jsonb JSONB GENERATED ALWAYS AS (CAST(data AS jsonb)) STORED); CREATE INDEX ON " + table()
        + " USING gin (data_jsonb jsonb_path_ops)";
  }

  @Override
  void cleanUp(Connection c) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table());
    }
  }

  @Override
  void bulkInsert(Connection c, List<String[]> rows) throws SQLException {
    c.setAutoCommit(false);
    long now = System.currentTimeMillis();
    try {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table() + " (id, data, version, created_at,"
          + " updated_at) FROM STDIN");
      long n = 0;
      StringBuilder sb = new StringBuilder();
      for (String[] row : rows) {
        sb.setLength(0);
        // ids and Jackson's JSON carry no tab, newline or backslash needing COPY escapes except backslash in JSON
        sb.append(row[0]).append('\t').append(row[1].replace("\\", "\\\\")).append('\t').append(++n).append('\t').append(now)
            .append('\t').append(now).append('\n');
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(b, 0, b.length);
      }
      copy.endCopy();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  @Override
  String aggregateSql() {
    return "SELECT data_jsonb ->> 'category' AS c, count(*), sum(CAST(data_jsonb ->> 'amount' AS double precision)),"
        + " avg(CAST(data_jsonb ->> 'amount' AS double precision)) FROM " + table() + " GROUP BY c";
  }

  /** Single-record reads of stored ids on 8 threads: through the API's pool, then with a new connection each. */
  @Override
  public List<BenchRow> whileStored(Database db, List<Record> data) {
    int reads = Math.min(data.size(), 2_000);
    List<String> ids = new ArrayList<>(reads);
    for (int i = 0; i < reads; i++) {
      ids.add(data.get((int) ((long) i * data.size() / reads)).id());
    }
    String table = String.valueOf(config.getOrDefault("table", "records"));
    double pooled = onThreads(ids, id -> db.read(id).isPresent());
    double unpooled = onThreads(ids, id -> {
      try (Connection c = server.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT data, data_types, version FROM " + table + " WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
    return List.of(new BenchRow(POOLED, reads, pooled, UNPOOLED), new BenchRow(UNPOOLED, reads, unpooled));
  }

  private interface Read {
    boolean found(String id) throws Exception;
  }

  private static double onThreads(List<String> ids, Read read) {
    AtomicLong found = new AtomicLong();
    double seconds = OnThreads.run("concurrent reads", THREADS, ids.size(), i -> {
      if (read.found(ids.get(i))) {
        found.incrementAndGet();
      }
    });
    if (found.get() != ids.size()) {
      throw new IllegalStateException("concurrent reads found " + found.get() + " of " + ids.size());
    }
    return seconds;
  }

  @Override
  String idListCondition() {
    return "id = ANY(?)";
  }

  @Override
  Object idList(List<String> ids) {
    return ids.toArray(new String[0]);
  }
}

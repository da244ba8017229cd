package io.dataknobs.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * {@code raw:batch}: sqlite-jdbc prepared batch in one transaction, on the same kind of storage
 * as the API row it judges: in memory, or a file beside the database's file (recreated for each
 * run) with the same journal mode and synchronous setting.
 */
final class SqliteRawBaseline extends JdbcRawBaseline {
  private final java.nio.file.Path file;
  private final String journal;
  private final String synchronous;

  private final java.nio.file.Path stored;

  SqliteRawBaseline(java.util.Map<String, Object> config) {
    super(config);
    this.file = RawFiles.rawFileBeside(config);
    this.stored = file == null ? null : java.nio.file.Path.of(String.valueOf(config.get("path"))).toAbsolutePath();
    this.journal = String.valueOf(config.getOrDefault("journal_mode", "WAL")).toUpperCase(java.util.Locale.ROOT);
    this.synchronous = String.valueOf(config.getOrDefault("synchronous", "NORMAL")).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous));
    if (file == null) {
      return config.createConnection("jdbc:sqlite::memory:");
    }
    released(); // a fresh file for each run
    config.setJournalMode(SQLiteConfig.JournalMode.valueOf(journal));
    return config.createConnection("jdbc:sqlite:" + file);
  }

  @Override
  Connection connectStored() throws SQLException {
    if (stored == null) {
      return null;
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:" + stored);
  }

  @Override
  PushDownBench.Sql handSql(Connection c, String table) {
    return PushDownBench.Sql.patterns("json_extract(data, '$.%s')", "json_extract(data, '$.%s')", "json_extract(data, '$.%s')", table);
  }

  @Override
  void cleanUp(Connection c) throws SQLException {
    if (file != null) {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS raw");
      }
    }
  }

  @Override
  String bulkMethod() {
    return "raw:batch";
  }

  @Override
  /** A prepared batch of inserts in one transaction, executed every 500 rows. */
  void bulkInsert(Connection c, List<String[]> rows) throws SQLException {
    c.setAutoCommit(false);
    long now = System.currentTimeMillis();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table() + " VALUES (?, ?, ?, ?, ?)")) {
      int n = 0;
      for (String[] row : rows) {
        ps.setString(1, row[0]);
        ps.setString(2, row[1]);
        ps.setLong(3, ++n);
        ps.setLong(4, now);
        ps.setLong(5, now);
        ps.addBatch();
        if (n % 500 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  @Override
  String createTable() {
    return super.createTable().replace("VARCHAR", "TEXT").replace("JSON", "TEXT");
  }

  @Override
  String aggregateSql() {
    return "SELECT json_extract(data, '$.category') AS c, count(*), sum(json_extract(data, '$.amount')),"
        + " avg(json_extract(data, '$.amount')) FROM raw GROUP BY c";
  }

  @Override
  String idListCondition() {
    return "id IN (SELECT value FROM json_each(?))";
  }

  @Override
  void released() {
    if (file != null) {
      RawFiles.deleteWith(file, "", "-wal", "-shm", "-journal");
    }
  }
}

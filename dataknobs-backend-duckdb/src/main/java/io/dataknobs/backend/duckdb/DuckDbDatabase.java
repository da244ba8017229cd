package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Capability;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.core.sql.JdbcDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A table in a DuckDB file or in-memory database. Batches go through DuckDB's Appender (a JDBC
 * batch is about 95 times slower) straight into the table. A batch that fits in one Appender
 * chunk is appended and committed by one auto-committed flush, which DuckDB applies whole or not
 * at all; a larger one runs inside a SQL transaction that the Appender joins. Either way the
 * primary key's rejection of a stored or repeated id leaves nothing of the batch behind.
 */
final class DuckDbDatabase extends JdbcDatabase {
  /**
   * Rows the driver's Appender sends to DuckDB in one chunk (DuckDB's vector size): an
   * auto-committed Appender commits each chunk by itself, so only a batch this small is atomic
   * without a SQL transaction.
   */
  static final int APPENDER_CHUNK = 2048;

  private final boolean persistent;
  private final String tableName;
  private final String stage;
  /** Insertion-order numbers for appended rows (null when read-only). */
  private final InsertionNumbers numbers;
  /** The upsert staging table is a temporary table of the write connection, created on first use. */
  private boolean stageReady;

  DuckDbDatabase(String table, Connection connection, boolean persistent, boolean readOnly, List<String> indexes,
      int readers) {
    // duplicated connections share the database instance and read concurrently under MVCC
    super(DuckDbDialect.INSTANCE, table, connection, readOnly, () -> connection.unwrap(DuckDBConnection.class).duplicate(), readers);
    this.persistent = persistent;
    this.tableName = table;
    this.stage = table + "_upsert_stage";
    if (readOnly) {
      requireTable();
      this.numbers = null;
    } else {
      createSchema(indexes);
      // the Appender cannot fill a column default, so appended rows get their numbers here
      this.numbers = new InsertionNumbers(DuckDbDialect.INSTANCE.sequenceName(table), sequenceIncrement(), this::prepare);
    }
  }

  private long sequenceIncrement() {
    return withConnection("read the insertion-order sequence", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT increment_by FROM duckdb_sequences() WHERE sequence_name = ?"
          + " AND schema_name = current_schema()")) {
        ps.setString(1, DuckDbDialect.INSTANCE.sequenceName(tableName));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Math.max(1, rs.getLong(1)) : 1;
        }
      }
    });
  }

  /**
   * Appends a batch of up to {@link #APPENDER_CHUNK} rows with one auto-committed flush (a SQL
   * transaction around it costs a fifth of the batch's time); larger batches take the
   * transaction path.
   */
  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    if (ids.size() > APPENDER_CHUNK) {
      super.doCreateBatch(ids, records);
      return;
    }
    withConnection("create a batch of " + ids.size(), c -> {
      if (!c.getAutoCommit()) {
        insertNew(c, ids, records);
        return null;
      }
      try {
        append(c, DuckDBConnection.DEFAULT_SCHEMA, tableName, ids, records);
      } catch (SQLException e) {
        if (!isUniqueViolation(e)) {
          throw e;
        }
        throw new DuplicateRecordException(firstStored(c, ids).orElse(ids.get(0)), e);
      }
      return null;
    });
  }

  /**
   * Appends the batch to the table inside the caller's SQL transaction. A statement begins that
   * transaction first, so the Appender writes in it (an Appender on a connection with no open
   * transaction commits each chunk by itself, and the insertion numbers often need no query);
   * on a key violation the batch is rolled back and only then is the colliding id looked up.
   */
  @Override
  protected void insertNew(Connection c, List<String> ids, List<Record> records) throws SQLException {
    try (PreparedStatement begin = prepare(c, "SELECT 1"); ResultSet rs = begin.executeQuery()) {
      rs.next();
    }
    try {
      append(c, DuckDBConnection.DEFAULT_SCHEMA, tableName, ids, records);
    } catch (SQLException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      c.rollback();
      throw new DuplicateRecordException(firstStored(c, ids).orElse(ids.get(0)), e);
    }
  }

  /**
   * Upserts through the Appender too (a JDBC batch of upserts ran at about 470 records/s):
   * the batch (the last of a repeated id) is appended to a temporary staging table and merged
   * with one {@code INSERT … SELECT … ON CONFLICT DO UPDATE}, all in one SQL transaction. A
   * replaced record keeps its creation time and insertion order.
   */
  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    java.util.Map<String, Record> last = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      last.remove(ids.get(i));
      last.put(ids.get(i), records.get(i));
    }
    List<String> uniqueIds = new java.util.ArrayList<>(last.keySet());
    List<Record> uniqueRecords = new java.util.ArrayList<>(last.values());
    inSqlTransaction("upsert a batch of " + ids.size(), c -> {
      try (Statement s = c.createStatement()) {
        if (!stageReady) {
          s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " AS SELECT " + COLUMNS + " FROM " + table + " LIMIT 0");
          stageReady = true;
        }
        s.execute("DELETE FROM " + stage);
      }
      append(c, "temp", stage, uniqueIds, uniqueRecords);
      try (PreparedStatement ps = prepare(c, "INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + stage
          + " ON CONFLICT (id) DO UPDATE SET data = excluded.data, data_types = excluded.data_types, metadata = excluded.metadata,"
          + " metadata_types = excluded.metadata_types, version = excluded.version, updated_at = excluded.updated_at")) {
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static final String COLUMNS = "id, data, data_types, metadata, metadata_types, version, created_at, updated_at, seq";

  /**
   * Takes insertion-order numbers, then appends and flushes the rows; a key violation is thrown.
   * The rows join the caller's SQL transaction if one is open (a statement has begun it), else
   * the flush commits them by itself.
   */
  private void append(Connection c, String schema, String target, List<String> ids, List<Record> records) throws SQLException {
    long[] seq = numbers.take(c, ids.size());
    long now = System.currentTimeMillis();
    try (DuckDBAppender a = schema.equals("temp") ? c.unwrap(DuckDBConnection.class).createAppender("temp", "main", target)
        : c.unwrap(DuckDBConnection.class).createAppender(schema, target)) {
      for (int i = 0; i < ids.size(); i++) {
        String[] row = encodeRow(records.get(i));
        a.beginRow().append(ids.get(i)).append(row[0]);
        appendNullable(a, row[1]).append(row[2]);
        appendNullable(a, row[3]).append(nextVersion()).append(now).append(now).append(seq[i]).endRow();
      }
      a.flush(); // close() would swallow a key violation and leave the transaction aborted
    }
  }

  /**
   * Replaces the table with an empty one in one transaction: DuckDB deletes keyed rows slowly
   * (100k take about 2 s) and later inserts pay for the deleted keys, while a new table takes a
   * millisecond. The sequence is kept, so insertion order stays increasing.
   */
  @Override
  protected long doClear() {
    return inSqlTransaction("clear", c -> {
      try (Statement s = c.createStatement()) {
        long n;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          n = rs.getLong(1);
        }
        s.execute("DROP TABLE " + table);
        s.execute(createTableSql());
        return n;
      }
    });
  }

  /** A row took its number from the sequence's default, past the reserved block. */
  @Override
  protected void insertedWithDefaults() {
    if (numbers != null) {
      numbers.skip();
    }
  }

  private static DuckDBAppender appendNullable(DuckDBAppender a, String v) throws SQLException {
    return v == null ? a.appendNull() : a.append(v);
  }

  @Override
  protected boolean isUniqueViolation(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Duplicate key") || m.contains("violates primary key") || m.contains("PRIMARY KEY or UNIQUE constraint");
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.copyOf(sqlCapabilities());
    if (persistent) {
      c.add(Capability.PERSISTENT);
    }
    return Set.copyOf(c);
  }

  @Override
  public String backendName() {
    return "duckdb";
  }
}

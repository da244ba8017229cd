package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Capability;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.core.sql.JdbcDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A table in a DuckDB file or in-memory database. Batches go through DuckDB's Appender (a JDBC
 * batch is about 95 times slower) into a temporary staging table, are checked against stored
 * ids with a join, then moved by one {@code INSERT … SELECT} inside the batch's transaction, so
 * a failure rolls back the whole batch.
 */
final class DuckDbDatabase extends JdbcDatabase {
  private static final String STAGE_COLUMNS = "id, data, data_types, metadata, metadata_types, version, created_at, updated_at";
  private final boolean persistent;
  private final String stage;
  /** The staging table is a temporary table of the write connection, created on first use. */
  private boolean stageReady;

  DuckDbDatabase(String table, Connection connection, boolean persistent, boolean readOnly, List<String> indexes,
      int readers) {
    // duplicated connections share the database instance and read concurrently under MVCC
    super(DuckDbDialect.INSTANCE, table, connection, readOnly, () -> connection.unwrap(DuckDBConnection.class).duplicate(), readers);
    this.persistent = persistent;
    this.stage = table + "_stage";
    if (readOnly) {
      requireTable();
    } else {
      createSchema(indexes);
    }
  }

  /**
   * Appends the batch to a temporary staging table and moves it with one INSERT … SELECT, whose
   * primary-key index rejects a stored id; only then is the colliding id looked up.
   */
  @Override
  protected void insertNew(Connection c, List<String> ids, List<Record> records) throws SQLException {
    if (!stageReady) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (id VARCHAR, data VARCHAR, data_types VARCHAR, metadata VARCHAR,"
            + " metadata_types VARCHAR, version BIGINT, created_at BIGINT, updated_at BIGINT)");
      }
      stageReady = true;
    }
    try (java.sql.PreparedStatement ps = prepare(c, "DELETE FROM " + stage)) {
      ps.executeUpdate();
    }
    long now = System.currentTimeMillis();
    try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", stage)) {
      for (int i = 0; i < ids.size(); i++) {
        String[] row = encodeRow(records.get(i));
        a.beginRow().append(ids.get(i)).append(row[0]);
        appendNullable(a, row[1]).append(row[2]);
        appendNullable(a, row[3]).append(nextVersion()).append(now).append(now).endRow();
      }
    }
    try (java.sql.PreparedStatement ps = prepare(c, "INSERT INTO " + table + " (" + STAGE_COLUMNS + ") SELECT " + STAGE_COLUMNS
        + " FROM " + stage)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      // the key index rejected the move; find which id (in input order) once the batch is undone
      c.rollback();
      throw new DuplicateRecordException(firstStored(c, ids).orElse(ids.get(0)), e);
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

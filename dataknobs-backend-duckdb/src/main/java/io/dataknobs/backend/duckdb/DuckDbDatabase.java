package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Capability;
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
 * batch is about 95 times slower) into a temporary staging table, then one
 * {@code INSERT … SELECT} inside the batch's transaction moves them: the primary key is checked
 * and a failure rolls back the whole batch.
 */
final class DuckDbDatabase extends JdbcDatabase {
  private static final String STAGE_COLUMNS = "id, data, data_types, metadata, metadata_types, version, created_at, updated_at";
  private final boolean persistent;
  private final String stage;

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

  @Override
  protected void insertBatch(Connection c, List<String> ids, List<Record> records) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (id VARCHAR, data VARCHAR, data_types VARCHAR, metadata VARCHAR,"
          + " metadata_types VARCHAR, version BIGINT, created_at BIGINT, updated_at BIGINT)");
      s.execute("DELETE FROM " + stage);
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
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + table + " (" + STAGE_COLUMNS + ") SELECT " + STAGE_COLUMNS + " FROM " + stage);
      s.execute("DELETE FROM " + stage);
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

package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Capability;
import io.dataknobs.core.sql.EmbeddedConnections;
import io.dataknobs.core.sql.JdbcDatabase;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * A table in a DuckDB file or in-memory database: one write connection and read connections
 * duplicated from it (they share the database instance and read concurrently under MVCC);
 * batches go through the {@link AppenderWriter}. Top-level fields get {@link TypedColumns} that
 * queries scan instead of the JSON.
 */
final class DuckDbDatabase extends JdbcDatabase {
  private final boolean persistent;

  DuckDbDatabase(String table, Connection connection, boolean persistent, boolean readOnly, List<String> indexes, int readers,
      int typedFields) {
    this(table, connection, persistent, readOnly, indexes, readers, new TypedColumns(table, typedFields));
  }

  private DuckDbDatabase(String table, Connection connection, boolean persistent, boolean readOnly, List<String> indexes, int readers,
      TypedColumns typed) {
    super(DuckDbDialect.INSTANCE, table, new EmbeddedConnections(connection,
        () -> connection.unwrap(DuckDBConnection.class).duplicate(), readers), readOnly, t -> new AppenderWriter(t, typed), typed);
    this.persistent = persistent;
    openTable(indexes);
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.copyOf(sqlCapabilities());
    if (persistent) {
      c.add(Capability.PERSISTENT);
    }
    return Set.copyOf(c);
  }

  /** @return the statements kept on this database's connections (read by tests: how often DuckDB plans) */
  io.dataknobs.core.sql.StatementCache statements() {
    return table().connections().statements();
  }

  @Override
  public String backendName() {
    return "duckdb";
  }
}

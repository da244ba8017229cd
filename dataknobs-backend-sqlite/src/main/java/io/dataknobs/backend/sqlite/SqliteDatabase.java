package io.dataknobs.backend.sqlite;

import io.dataknobs.api.Capability;
import io.dataknobs.core.sql.EmbeddedConnections;
import io.dataknobs.core.sql.JdbcDatabase;
import io.dataknobs.core.sql.PreparedBatchWriter;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A table in a SQLite file or private in-memory database: one write connection and, for a file,
 * read connections beside it (WAL); batches are JDBC batches of one prepared insert.
 */
final class SqliteDatabase extends JdbcDatabase {
  private final boolean persistent;

  SqliteDatabase(String table, Connection connection, boolean persistent, boolean readOnly, List<String> indexes,
      EmbeddedConnections.ReaderFactory readers, int maxReaders) {
    super(SqliteDialect.INSTANCE, table, new EmbeddedConnections(connection, readers, maxReaders), readOnly, PreparedBatchWriter::new);
    this.persistent = persistent;
    openTable(indexes);
  }

  @Override
  public Set<Capability> capabilities() {
    if (!persistent) {
      return sqlCapabilities();
    }
    EnumSet<Capability> c = EnumSet.copyOf(sqlCapabilities());
    c.add(Capability.PERSISTENT);
    return Set.copyOf(c);
  }

  @Override
  public String backendName() {
    return "sqlite";
  }
}

package io.dataknobs.backend.sqlite;

import io.dataknobs.api.Capability;
import io.dataknobs.core.sql.JdbcDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A table in a SQLite file or private in-memory database. */
final class SqliteDatabase extends JdbcDatabase {
  private final boolean persistent;

  SqliteDatabase(String table, Connection connection, boolean persistent, boolean readOnly, List<String> indexes,
      ReaderSource readers, int maxReaders) {
    super(SqliteDialect.INSTANCE, table, connection, readOnly, readers, maxReaders);
    this.persistent = persistent;
    if (!readOnly) {
      createSchema(indexes);
    } else {
      requireTable();
    }
  }

  @Override
  protected boolean isUniqueViolation(SQLException e) {
    if (e instanceof SQLiteException) {
      SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
      return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
    }
    return e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed");
  }

  @Override
  public Set<Capability> capabilities() {
    if (!persistent) {
      return sqlCapabilities();
    }
    java.util.EnumSet<Capability> c = java.util.EnumSet.copyOf(sqlCapabilities());
    c.add(Capability.PERSISTENT);
    return Set.copyOf(c);
  }

  @Override
  public String backendName() {
    return "sqlite";
  }
}

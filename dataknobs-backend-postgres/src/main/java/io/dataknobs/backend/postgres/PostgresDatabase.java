package io.dataknobs.backend.postgres;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Record;
import io.dataknobs.core.pool.PoolInfo;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.sql.JdbcDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A table in PostgreSQL on a shared HikariCP pool. Batches are written with {@code COPY … FROM
 * STDIN} inside the batch's transaction: the primary key rejects a stored or repeated id for the
 * whole COPY, the transaction is rolled back, and only then is the colliding id looked up.
 * Connections are retired after {@code max_queries} statements when that is set.
 */
final class PostgresDatabase extends JdbcDatabase {
  private static final String COPY_COLUMNS = "id, data, data_types, metadata, metadata_types, version, created_at, updated_at";
  private final PoolLease<PgPool> lease;
  private final long maxQueries;
  /** Statements run per physical connection of the shared pool, for retiring them after {@code max_queries}. */
  private final Map<Object, long[]> uses;

  PostgresDatabase(String table, PoolLease<PgPool> lease, boolean readOnly, List<String> indexes, boolean gin) {
    super(PostgresDialect.INSTANCE, table, lease.pool().dataSource(), readOnly, lease);
    this.lease = lease;
    this.maxQueries = lease.pool().maxQueries();
    this.uses = lease.pool().uses();
    if (readOnly) {
      requireTable();
    } else {
      createSchema(indexes);
      if (gin) {
        withConnection("create the GIN index", c -> {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS " + dialect.quote(table + "_gin") + " ON " + this.table
                + " USING gin (data_jsonb jsonb_path_ops)");
          }
          return null;
        });
      }
    }
  }

  /** @return the shared pool (tests) */
  PgPool pool() {
    return lease.pool();
  }

  /** @return the state of the pool this database borrows from */
  PoolInfo poolInfo() {
    return lease.info();
  }

  @Override
  protected PreparedStatement prepare(Connection c, String sql) throws SQLException {
    count(c);
    return super.prepare(c, sql);
  }

  private void count(Connection c) throws SQLException {
    if (maxQueries > 0) {
      Object physical = c.unwrap(PGConnection.class);
      synchronized (uses) {
        uses.computeIfAbsent(physical, k -> new long[1])[0]++;
      }
    }
  }

  @Override
  protected void giveBack(Connection c) {
    if (maxQueries > 0) {
      try {
        Object physical = c.unwrap(PGConnection.class);
        boolean retire;
        synchronized (uses) {
          long[] n = uses.get(physical);
          retire = n != null && n[0] >= maxQueries;
          if (retire) {
            uses.remove(physical);
          }
        }
        if (retire) {
          lease.pool().dataSource().evictConnection(c);
          return;
        }
      } catch (SQLException e) {
        // not a pgjdbc connection any more: let the pool decide
      }
    }
    super.giveBack(c);
  }

  /** One {@code COPY … FROM STDIN} in text format, inside the caller's transaction. */
  @Override
  protected void insertBatch(Connection c, List<String> ids, List<Record> records) throws SQLException {
    count(c);
    long now = System.currentTimeMillis();
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + COPY_COLUMNS + ") FROM STDIN");
    try {
      StringBuilder sb = new StringBuilder(256);
      for (int i = 0; i < ids.size(); i++) {
        String[] row = encodeRow(records.get(i));
        sb.setLength(0);
        field(sb, ids.get(i)).append('\t');
        for (String column : row) {
          field(sb, column).append('\t');
        }
        sb.append(nextVersion()).append('\t').append(now).append('\t').append(now).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** Appends {@code v} escaped for COPY's text format ({@code \N} for null). */
  private static StringBuilder field(StringBuilder sb, String v) {
    if (v == null) {
      return sb.append("\\N");
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\':
          sb.append("\\\\");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        default:
          sb.append(ch);
      }
    }
    return sb;
  }

  /**
   * Empties the table with TRUNCATE under an exclusive lock, counting first in the same
   * transaction: DELETE would leave every row and index entry dead until vacuum, slowing the
   * writes that follow.
   */
  @Override
  protected long doClear() {
    return inSqlTransaction("clear", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        long n;
        try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          n = rs.getLong(1);
        }
        s.execute("TRUNCATE " + table);
        return n;
      }
    });
  }

  @Override
  protected boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.copyOf(sqlCapabilities());
    c.add(Capability.PERSISTENT);
    return Set.copyOf(c);
  }

  @Override
  public String backendName() {
    return "postgres";
  }
}

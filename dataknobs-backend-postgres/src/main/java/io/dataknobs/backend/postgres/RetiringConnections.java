package io.dataknobs.backend.postgres;

import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.sql.PooledConnections;
import io.dataknobs.core.sql.StatementCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Connections borrowed from the shared HikariCP pool, each retired (evicted from the pool) once
 * it has run {@code max_queries} statements, counted per physical connection across every
 * database sharing the pool.
 */
final class RetiringConnections extends PooledConnections {
  private final PoolLease<PgPool> lease;
  private final long maxQueries;
  private final Map<Object, long[]> uses;
  private final StatementCache statements = StatementCache.uncached(this::counted);

  RetiringConnections(PoolLease<PgPool> lease) {
    super(lease.pool().dataSource(), lease);
    this.lease = lease;
    this.maxQueries = lease.pool().maxQueries();
    this.uses = lease.pool().uses();
  }

  /**
   * Counts a statement about to run on {@code c}.
   *
   * @param c a borrowed connection
   * @throws SQLException if it is not a pgjdbc connection
   */
  void counted(Connection c) throws SQLException {
    if (maxQueries > 0) {
      Object physical = c.unwrap(PGConnection.class);
      synchronized (uses) {
        uses.computeIfAbsent(physical, k -> new long[1])[0]++;
      }
    }
  }

  @Override
  public StatementCache statements() {
    return statements;
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
}

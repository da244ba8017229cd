package io.dataknobs.backend.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dataknobs.core.pool.PoolMetrics;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One shared HikariCP pool and what its holders share with it: how many statements each
 * physical connection has run, so any holder can retire a connection at {@code max_queries}.
 *
 * @param dataSource the pool
 * @param maxQueries statements after which a connection is retired (0: never)
 * @param uses statements per physical connection (weak keys: evicted connections drop out)
 */
record PgPool(HikariDataSource dataSource, long maxQueries, Map<Object, long[]> uses) {
  PgPool(HikariDataSource dataSource, long maxQueries) {
    this(dataSource, maxQueries, new WeakHashMap<>());
  }

  /** Reads active, idle and waiting from Hikari's pool bean. */
  static final PoolMetrics<PgPool> METRICS = new PoolMetrics<>() {
    @Override
    public int active(PgPool p) {
      HikariPoolMXBean bean = p.dataSource().getHikariPoolMXBean();
      return bean == null ? -1 : bean.getActiveConnections();
    }

    @Override
    public int idle(PgPool p) {
      HikariPoolMXBean bean = p.dataSource().getHikariPoolMXBean();
      return bean == null ? -1 : bean.getIdleConnections();
    }

    @Override
    public int waiting(PgPool p) {
      HikariPoolMXBean bean = p.dataSource().getHikariPoolMXBean();
      return bean == null ? -1 : bean.getThreadsAwaitingConnection();
    }
  };
}

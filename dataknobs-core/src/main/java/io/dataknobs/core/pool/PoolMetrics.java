package io.dataknobs.core.pool;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the manager reads the state of a pool of type {@code P}; return -1 where the pool does
 * not know.
 *
 * @param <P> the pool type (a HikariDataSource, an HTTP client, …)
 */
@ConsumerType
public interface PoolMetrics<P> {
  /** @return connections in use */
  int active(P pool);

  /** @return connections ready */
  int idle(P pool);

  /** @return threads waiting for a connection */
  int waiting(P pool);

  /** @return metrics that know nothing */
  static <P> PoolMetrics<P> unknown() {
    return new PoolMetrics<>() {
      @Override
      public int active(P pool) {
        return -1;
      }

      @Override
      public int idle(P pool) {
        return -1;
      }

      @Override
      public int waiting(P pool) {
        return -1;
      }
    };
  }
}

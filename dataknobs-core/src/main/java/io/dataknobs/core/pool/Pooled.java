package io.dataknobs.core.pool;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something whose connections come from pools it can describe: a backend's database (the
 * HikariCP pool of PostgreSQL, the read connections of SQLite and DuckDB, the HTTP client of
 * Elasticsearch or S3). Monitoring reads it: {@code Database.health} adds the state to its
 * details, the metrics decorator publishes it as gauges.
 */
@ConsumerType
public interface Pooled {
  /** @return a snapshot of each pool this database borrows from, now (cheap: no engine call) */
  List<PoolInfo> pools();

  /**
   * @return the pool state as health details: {@code pool.active}, {@code pool.idle},
   *     {@code pool.total}, {@code pool.waiting} summed over {@code pools} (a value a pool does
   *     not know is left out)
   */
  static Map<String, Object> details(List<PoolInfo> pools) {
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    if (pools.isEmpty()) {
      return d;
    }
    put(d, "pool.active", pools.stream().mapToInt(PoolInfo::active).toArray());
    put(d, "pool.idle", pools.stream().mapToInt(PoolInfo::idle).toArray());
    put(d, "pool.total", pools.stream().mapToInt(PoolInfo::total).toArray());
    put(d, "pool.waiting", pools.stream().mapToInt(PoolInfo::waiting).toArray());
    return d;
  }

  private static void put(Map<String, Object> d, String key, int[] values) {
    if (java.util.Arrays.stream(values).noneMatch(v -> v < 0)) {
      d.put(key, java.util.Arrays.stream(values).sum());
    }
  }
}

package io.dataknobs.decorator.cache;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.time.Duration;

/**
 * Sizes and lifetimes of the two caches; a size of 0 turns that cache off.
 *
 * @param recordsMaxSize records kept (by id, absent ones included)
 * @param recordsTtl how long a record stays after it was loaded
 * @param queriesMaxSize query results kept (search, count, aggregate)
 * @param queriesTtl how long a query result stays after it was computed
 */
public record CacheSettings(long recordsMaxSize, Duration recordsTtl, long queriesMaxSize, Duration queriesTtl) {
  /** Validates the values, naming the key of the {@code cache} section that is wrong. */
  public CacheSettings {
    size("records.max_size", recordsMaxSize);
    size("queries.max_size", queriesMaxSize);
    ttl("records.ttl", recordsTtl);
    ttl("queries.ttl", queriesTtl);
  }

  private static void size(String key, long v) {
    if (v < 0) {
      throw new ConfigurationException("cache." + key, "configuration key 'cache." + key + "' must be zero (off) or positive, got " + v);
    }
  }

  private static void ttl(String key, Duration v) {
    if (v == null || v.isNegative() || v.isZero()) {
      throw new ConfigurationException("cache." + key, "configuration key 'cache." + key + "' must be a positive duration, got " + v);
    }
  }

  /** @return 10,000 records for 5 minutes, 1,000 query results for 1 minute */
  public static CacheSettings defaults() {
    return new CacheSettings(10_000, Duration.ofMinutes(5), 1_000, Duration.ofMinutes(1));
  }

  /** @return the settings of a validated {@code cache} section */
  public static CacheSettings of(BackendConfig c) {
    return new CacheSettings(c.getLong("records.max_size", 10_000), c.getDuration("records.ttl", Duration.ofMinutes(5)),
        c.getLong("queries.max_size", 1_000), c.getDuration("queries.ttl", Duration.ofMinutes(1)));
  }
}

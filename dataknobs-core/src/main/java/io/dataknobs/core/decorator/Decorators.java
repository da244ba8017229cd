package io.dataknobs.core.decorator;

import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.bulkhead.BulkheadDatabase;
import io.dataknobs.core.decorator.bulkhead.BulkheadSettings;
import io.dataknobs.core.decorator.cache.CacheSettings;
import io.dataknobs.core.decorator.cache.CachingDatabase;
import io.dataknobs.core.decorator.circuitbreaker.CircuitBreakerSettings;
import io.dataknobs.core.decorator.circuitbreaker.CircuitBreakingDatabase;
import io.dataknobs.core.decorator.metrics.MetricsDatabase;
import io.dataknobs.core.decorator.metrics.MicrometerListener;
import io.dataknobs.core.decorator.ratelimit.RateLimitSettings;
import io.dataknobs.core.decorator.ratelimit.RateLimitedDatabase;
import io.dataknobs.core.decorator.retry.RetrySettings;
import io.dataknobs.core.decorator.retry.RetryingDatabase;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Installs decorators in code, in the same order configuration does, whatever order the
 * builder's methods are called in. From the backend outwards:
 *
 * <ol>
 *   <li>{@code bulkhead} — caps calls running at once on the backend;
 *   <li>{@code rate_limit} — caps calls started per second;
 *   <li>{@code circuit_breaker} — stops calling a failing backend;
 *   <li>{@code retry} — tries reads again (each attempt passes the breaker and the limits);
 *   <li>{@code cache} — answers repeated reads before any of the above is spent;
 *   <li>{@code metrics} — measures what the caller sees, cache hits included.
 * </ol>
 *
 * <pre>{@code
 * Database db = Decorators.of(backend).cache(CacheSettings.defaults())
 *     .bulkhead(new BulkheadSettings(8, Duration.ofMillis(100))).metrics().build();
 * }</pre>
 */
public final class Decorators {
  /** Position of {@code bulkhead} (lower is closer to the backend). */
  public static final int BULKHEAD_ORDER = 100;
  /** Position of {@code rate_limit}. */
  public static final int RATE_LIMIT_ORDER = 200;
  /** Position of {@code circuit_breaker}. */
  public static final int CIRCUIT_BREAKER_ORDER = 300;
  /** Position of {@code retry}. */
  public static final int RETRY_ORDER = 400;
  /** Position of {@code cache}. */
  public static final int CACHE_ORDER = 500;
  /** Position of {@code metrics}. */
  public static final int METRICS_ORDER = 600;

  private Decorators() {}

  /** @return a builder decorating {@code database} */
  public static Builder of(Database database) {
    return new Builder(database);
  }

  /** Collects decorators; {@link #build()} applies them innermost first. */
  public static final class Builder {
    private final Database database;
    private final Map<Integer, UnaryOperator<Database>> layers = new TreeMap<>();

    private Builder(Database database) {
      this.database = Objects.requireNonNull(database, "database");
    }

    /** Adds a record and query cache. */
    public Builder cache(CacheSettings settings) {
      layers.put(CACHE_ORDER, db -> new CachingDatabase(db, settings));
      return this;
    }

    /** Adds a bulkhead. */
    public Builder bulkhead(BulkheadSettings settings) {
      layers.put(BULKHEAD_ORDER, db -> new BulkheadDatabase(db, settings));
      return this;
    }

    /** Adds a rate limit. */
    public Builder rateLimit(RateLimitSettings settings) {
      layers.put(RATE_LIMIT_ORDER, db -> new RateLimitedDatabase(db, settings));
      return this;
    }

    /** Adds retries of reads. */
    public Builder retry(RetrySettings settings) {
      layers.put(RETRY_ORDER, db -> new RetryingDatabase(db, settings));
      return this;
    }

    /** Adds a circuit breaker. */
    public Builder circuitBreaker(CircuitBreakerSettings settings) {
      layers.put(CIRCUIT_BREAKER_ORDER, db -> new CircuitBreakingDatabase(db, settings));
      return this;
    }

    /** Adds the performance monitor (4,096 recent latencies per operation). */
    public Builder metrics() {
      layers.put(METRICS_ORDER, db -> new MetricsDatabase(db, 4096, null));
      return this;
    }

    /** Adds the performance monitor, also recording to {@code registry} (needs Micrometer on the class path). */
    public Builder metrics(io.micrometer.core.instrument.MeterRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      layers.put(METRICS_ORDER, db -> new MetricsDatabase(db, 4096, new MicrometerListener(registry, db.backendName())));
      return this;
    }

    /** @return the decorated database; closing it closes the wrapped one */
    public Database build() {
      Database db = database;
      for (UnaryOperator<Database> layer : layers.values()) {
        db = layer.apply(db);
      }
      return db;
    }
  }

  /**
   * @return the decorator of type {@code type} in the stack of {@code database}, if any (to reach
   *     its statistics: {@code find(db, CachingDatabase.class).get().recordStatistics()})
   */
  public static <T extends Database> java.util.Optional<T> find(Database database, Class<T> type) {
    Database d = database;
    while (d != null) {
      if (type.isInstance(d)) {
        return java.util.Optional.of(type.cast(d));
      }
      d = d instanceof ForwardingDatabase ? ((ForwardingDatabase) d).delegate() : null;
    }
    return java.util.Optional.empty();
  }
}

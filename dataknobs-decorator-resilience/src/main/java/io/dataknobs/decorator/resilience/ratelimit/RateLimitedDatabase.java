package io.dataknobs.decorator.resilience.ratelimit;

import io.dataknobs.api.Database;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.core.decorator.GuardedDatabase;
import io.dataknobs.decorator.resilience.internal.ResilienceMeters;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Lets at most {@code per_second} calls start per second (a Resilience4j rate limiter); a
 * caller waits up to {@code timeout} for a permit, then gets a {@link LimitExceededException}.
 * A stream takes one permit per batch.
 */
public final class RateLimitedDatabase extends GuardedDatabase implements io.dataknobs.core.metrics.MeterBinding {
  private final RateLimiter limiter;
  private final RateLimitSettings settings;

  /**
   * @param delegate the database to protect
   * @param settings the limit
   */
  public RateLimitedDatabase(Database delegate, RateLimitSettings settings) {
    this(delegate, settings, null);
  }

  /**
   * @param delegate the database to protect
   * @param settings the limit
   * @param name the database's name: the Resilience4j instance's name and its meters' {@code database} tag (null:
   *     {@code dataknobs-<backend>})
   * @since 1.1
   */
  public RateLimitedDatabase(Database delegate, RateLimitSettings settings, String name) {
    super(delegate);
    this.settings = settings;
    this.limiter = RateLimiter.of(ResilienceMeters.instanceName(name, delegate.backendName()), RateLimiterConfig.custom()
        .limitForPeriod(settings.perSecond()).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(settings.timeout()).build(),
        ResilienceMeters.tags(name, delegate.backendName()));
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    if (!limiter.acquirePermission()) {
      throw new LimitExceededException("rate_limit", "rate limit reached: " + settings.perSecond() + " calls per second and no"
          + " permit within timeout " + settings.timeout() + "; " + operation + " was not run", null);
    }
    return call.get();
  }

  /** {@inheritDoc} Resilience4j's own tagged meters of this decorator's instance. */
  @Override
  public AutoCloseable bindMeters(Object registry, java.util.Map<String, String> tags) {
    return ResilienceMeters.rateLimiter(registry, limiter);
  }
}

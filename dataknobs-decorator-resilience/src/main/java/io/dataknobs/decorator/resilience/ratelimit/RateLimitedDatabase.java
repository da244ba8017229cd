package io.dataknobs.decorator.resilience.ratelimit;

import io.dataknobs.api.Database;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.core.decorator.GuardedDatabase;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Lets at most {@code per_second} calls start per second (a Resilience4j rate limiter); a
 * caller waits up to {@code timeout} for a permit, then gets a {@link LimitExceededException}.
 * A stream takes one permit per batch.
 */
public final class RateLimitedDatabase extends GuardedDatabase {
  private final RateLimiter limiter;
  private final RateLimitSettings settings;

  /**
   * @param delegate the database to protect
   * @param settings the limit
   */
  public RateLimitedDatabase(Database delegate, RateLimitSettings settings) {
    super(delegate);
    this.settings = settings;
    this.limiter = RateLimiter.of("dataknobs-" + delegate.backendName(), RateLimiterConfig.custom()
        .limitForPeriod(settings.perSecond()).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(settings.timeout()).build());
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    if (!limiter.acquirePermission()) {
      throw new LimitExceededException("rate_limit", "rate limit reached: " + settings.perSecond() + " calls per second and no"
          + " permit within timeout " + settings.timeout() + "; " + operation + " was not run", null);
    }
    return call.get();
  }
}

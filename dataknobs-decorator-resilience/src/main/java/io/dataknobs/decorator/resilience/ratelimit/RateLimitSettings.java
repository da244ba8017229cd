package io.dataknobs.decorator.resilience.ratelimit;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.time.Duration;

/**
 * How many calls may start per second and how long a caller waits for a permit.
 *
 * @param perSecond calls started per second (at least 1)
 * @param timeout how long a caller waits for a permit before {@code LimitExceededException}
 */
public record RateLimitSettings(int perSecond, Duration timeout) {
  /** Validates the values. */
  public RateLimitSettings {
    if (perSecond < 1) {
      throw new ConfigurationException("rate_limit.per_second", "rate_limit.per_second must be at least 1, got " + perSecond);
    }
    if (timeout == null || timeout.isNegative()) {
      throw new ConfigurationException("rate_limit.timeout", "rate_limit.timeout must be zero or positive, got " + timeout);
    }
  }

  /** @return the settings of a validated {@code rate_limit} section */
  public static RateLimitSettings of(BackendConfig c) {
    return new RateLimitSettings(c.getInt("per_second", 100), c.getDuration("timeout", Duration.ofSeconds(5)));
  }
}

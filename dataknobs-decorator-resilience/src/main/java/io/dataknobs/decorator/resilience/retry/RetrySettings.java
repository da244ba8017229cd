package io.dataknobs.decorator.resilience.retry;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.time.Duration;

/**
 * How often and how patiently a read is tried again.
 *
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param backoff the wait before the second attempt
 * @param multiplier how much each later wait grows (at least 1)
 */
public record RetrySettings(int maxAttempts, Duration backoff, double multiplier) {
  /** Validates the values. */
  public RetrySettings {
    if (maxAttempts < 1) {
      throw new ConfigurationException("retry.max_attempts", "retry.max_attempts must be at least 1, got " + maxAttempts);
    }
    if (backoff == null || backoff.isNegative() || backoff.isZero()) {
      throw new ConfigurationException("retry.backoff", "retry.backoff must be positive, got " + backoff);
    }
    if (!(multiplier >= 1)) {
      throw new ConfigurationException("retry.multiplier", "retry.multiplier must be at least 1, got " + multiplier);
    }
  }

  /** @return the settings of a validated {@code retry} section */
  public static RetrySettings of(BackendConfig c) {
    return new RetrySettings(c.getInt("max_attempts", 3), c.getDuration("backoff", Duration.ofMillis(100)),
        c.getDouble("multiplier", 2.0));
  }
}

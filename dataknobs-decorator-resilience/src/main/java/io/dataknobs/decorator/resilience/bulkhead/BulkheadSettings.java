package io.dataknobs.decorator.resilience.bulkhead;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.time.Duration;

/**
 * How many calls may run at once and how long a caller waits for a free slot.
 *
 * @param maxConcurrent calls running at once (at least 1)
 * @param maxWait how long a caller waits for a slot before {@code LimitExceededException}
 */
public record BulkheadSettings(int maxConcurrent, Duration maxWait) {
  /** Validates the values. */
  public BulkheadSettings {
    if (maxConcurrent < 1) {
      throw new ConfigurationException("bulkhead.max_concurrent", "bulkhead.max_concurrent must be at least 1, got " + maxConcurrent);
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new ConfigurationException("bulkhead.max_wait", "bulkhead.max_wait must be zero or positive, got " + maxWait);
    }
  }

  /** @return the settings of a validated {@code bulkhead} section */
  public static BulkheadSettings of(BackendConfig c) {
    return new BulkheadSettings(c.getInt("max_concurrent", 16), c.getDuration("max_wait", Duration.ZERO));
  }
}

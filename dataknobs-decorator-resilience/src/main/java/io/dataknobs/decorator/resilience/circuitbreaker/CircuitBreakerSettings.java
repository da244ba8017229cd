package io.dataknobs.decorator.resilience.circuitbreaker;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.time.Duration;

/**
 * When the breaker opens and how it tries again.
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker (1–100)
 * @param slidingWindowSize calls the failure rate is computed over
 * @param minimumCalls calls needed before the rate counts
 * @param waitInOpen how long the breaker stays open before letting trial calls through
 * @param permittedCallsInHalfOpen trial calls that decide whether it closes again
 */
public record CircuitBreakerSettings(float failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration waitInOpen,
    int permittedCallsInHalfOpen) {
  /** Validates the values. */
  public CircuitBreakerSettings {
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
      throw new ConfigurationException("circuit_breaker.failure_rate_threshold",
          "circuit_breaker.failure_rate_threshold must be in (0, 100], got " + failureRateThreshold);
    }
    if (slidingWindowSize < 1 || minimumCalls < 1 || permittedCallsInHalfOpen < 1) {
      throw new ConfigurationException("circuit_breaker", "circuit_breaker.sliding_window_size, minimum_calls and"
          + " permitted_calls_in_half_open must be at least 1");
    }
    if (waitInOpen == null || waitInOpen.isNegative() || waitInOpen.isZero()) {
      throw new ConfigurationException("circuit_breaker.wait_in_open", "circuit_breaker.wait_in_open must be positive, got "
          + waitInOpen);
    }
  }

  /** @return the settings of a validated {@code circuit_breaker} section */
  public static CircuitBreakerSettings of(BackendConfig c) {
    return new CircuitBreakerSettings((float) c.getDouble("failure_rate_threshold", 50), c.getInt("sliding_window_size", 20),
        c.getInt("minimum_calls", 10), c.getDuration("wait_in_open", Duration.ofSeconds(30)), c.getInt("permitted_calls_in_half_open", 3));
  }
}

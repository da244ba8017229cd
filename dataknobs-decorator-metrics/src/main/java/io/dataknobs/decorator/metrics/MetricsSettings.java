package io.dataknobs.decorator.metrics;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code metrics} section says.
 *
 * @param name the {@code database} tag of every meter (null: the backend's name)
 * @param percentiles the latency percentiles each operation's timer publishes, each in (0, 1)
 * @param histogram whether timers also publish histogram buckets, so percentiles can be
 *     aggregated across processes (Prometheus {@code histogram_quantile})
 * @param healthTimeout how long the {@code dataknobs.health} gauge waits for the engine
 */
public record MetricsSettings(String name, List<Double> percentiles, boolean histogram, Duration healthTimeout) {
  /** The defaults: p50, p95, p99, no histogram, a 2-second health probe. */
  public static final List<Double> DEFAULT_PERCENTILES = List.of(0.5, 0.95, 0.99);

  /** Validates the values. */
  public MetricsSettings {
    percentiles = List.copyOf(percentiles);
    for (double p : percentiles) {
      if (!(p > 0 && p < 1)) {
        throw new ConfigurationException("metrics.percentiles", "metrics.percentiles must be between 0 and 1 (exclusive), got " + p);
      }
    }
    if (healthTimeout == null || healthTimeout.isZero() || healthTimeout.isNegative()) {
      throw new ConfigurationException("metrics.health_timeout", "metrics.health_timeout must be positive, got " + healthTimeout);
    }
  }

  /** @return the defaults, with meters tagged {@code database=name} */
  public static MetricsSettings defaults(String name) {
    return new MetricsSettings(name, DEFAULT_PERCENTILES, false, Duration.ofSeconds(2));
  }

  /** @return the settings of a validated {@code metrics} section */
  public static MetricsSettings of(BackendConfig c) {
    List<Double> ps = new ArrayList<>();
    for (Object o : c.has("percentiles") ? c.getList("percentiles") : List.<Object>copyOf(DEFAULT_PERCENTILES)) {
      try {
        ps.add(o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o)));
      } catch (NumberFormatException e) {
        throw new ConfigurationException("metrics.percentiles", "metrics.percentiles holds '" + o + "', not a number between 0 and 1");
      }
    }
    return new MetricsSettings(c.getString("name"), ps, c.getBoolean("histogram", false),
        c.getDuration("health_timeout", Duration.ofSeconds(2)));
  }
}

package io.dataknobs.decorator.metrics;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code metrics} section ({@code metrics: true}, or {@code name}, {@code percentiles},
 * {@code histogram}, {@code health_timeout}). It records into the Micrometer
 * {@code MeterRegistry} the application handed over ({@code DataknobsConfig.withService},
 * {@code DatabaseFactory.addService}, a {@code MeterRegistry} service in OSGi), else into
 * Micrometer's global registry ({@link Metrics#globalRegistry}); several given: all of them.
 */
@ServiceProvider(DecoratorProvider.class)
public final class MetricsDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): outermost: it measures what the caller sees, cache hits included. */
  public static final int ORDER = 600;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("name", ConfigType.STRING, null, "the database tag of its meters (default: the database's name in its"
          + " configuration, else the backend)")
      .add("percentiles", ConfigType.LIST, MetricsSettings.DEFAULT_PERCENTILES, "latency percentiles each operation publishes")
      .add("histogram", ConfigType.BOOLEAN, false, "also publish histogram buckets, to aggregate percentiles across processes")
      .add("health_timeout", ConfigType.DURATION, Duration.ofSeconds(2), "how long the dataknobs.health gauge waits for the engine")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public MetricsDecoratorProvider() {}

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    List<MeterRegistry> given = config.services().stream().filter(MeterRegistry.class::isInstance).map(MeterRegistry.class::cast)
        .toList();
    MeterRegistry registry;
    if (given.isEmpty()) {
      registry = Metrics.globalRegistry;
    } else if (given.size() == 1) {
      registry = given.get(0);
    } else {
      CompositeMeterRegistry all = new CompositeMeterRegistry();
      given.forEach(all::add);
      registry = all;
    }
    return new MetricsDatabase(database, registry, MetricsSettings.of(config));
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of();
  }
}

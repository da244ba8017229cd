package io.dataknobs.decorator.metrics;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Map;

/** The {@code metrics} section ({@code metrics: true}, or {@code reservoir_size}). */
@ServiceProvider(DecoratorProvider.class)
public final class MetricsDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): outermost: it measures what the caller sees, cache hits included. */
  public static final int ORDER = 600;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("reservoir_size", ConfigType.INT, 4096, "recent latencies kept per operation for percentiles")
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
    return new MetricsDatabase(database, config.getInt("reservoir_size", 4096), null);
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of();
  }
}

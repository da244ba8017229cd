package io.dataknobs.core.decorator.metrics;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;

/** The {@code metrics} section ({@code metrics: true}, or {@code reservoir_size}). */
@ServiceProvider(DecoratorProvider.class)
public final class MetricsDecoratorProvider implements DecoratorProvider {
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
    return Decorators.METRICS_ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new MetricsDatabase(database, config.getInt("reservoir_size", 4096), null);
  }
}

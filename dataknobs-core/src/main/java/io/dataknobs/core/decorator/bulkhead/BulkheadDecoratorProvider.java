package io.dataknobs.core.decorator.bulkhead;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.time.Duration;

/** The {@code bulkhead} section: {@code max_concurrent}, {@code max_wait}. */
@ServiceProvider(DecoratorProvider.class)
public final class BulkheadDecoratorProvider implements DecoratorProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("max_concurrent", ConfigType.INT, 16, "calls running at once")
      .add("max_wait", ConfigType.DURATION, Duration.ZERO, "how long a caller waits for a free slot")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public BulkheadDecoratorProvider() {}

  @Override
  public String name() {
    return "bulkhead";
  }

  @Override
  public int order() {
    return Decorators.BULKHEAD_ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new BulkheadDatabase(database, BulkheadSettings.of(config));
  }
}

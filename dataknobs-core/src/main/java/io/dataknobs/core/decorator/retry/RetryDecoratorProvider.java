package io.dataknobs.core.decorator.retry;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.time.Duration;

/** The {@code retry} section: {@code max_attempts}, {@code backoff}, {@code multiplier}. */
@ServiceProvider(DecoratorProvider.class)
public final class RetryDecoratorProvider implements DecoratorProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("max_attempts", ConfigType.INT, 3, "attempts in all for a read whose backend is unavailable")
      .add("backoff", ConfigType.DURATION, Duration.ofMillis(100), "wait before the second attempt")
      .add("multiplier", ConfigType.DOUBLE, 2.0, "growth of each later wait")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public RetryDecoratorProvider() {}

  @Override
  public String name() {
    return "retry";
  }

  @Override
  public int order() {
    return Decorators.RETRY_ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new RetryingDatabase(database, RetrySettings.of(config));
  }
}

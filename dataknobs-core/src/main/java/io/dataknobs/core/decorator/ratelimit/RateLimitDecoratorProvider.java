package io.dataknobs.core.decorator.ratelimit;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.time.Duration;

/** The {@code rate_limit} section: {@code per_second}, {@code timeout}. */
@ServiceProvider(DecoratorProvider.class)
public final class RateLimitDecoratorProvider implements DecoratorProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("per_second", ConfigType.INT, 100, "calls started per second")
      .add("timeout", ConfigType.DURATION, Duration.ofSeconds(5), "how long a caller waits for a permit")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public RateLimitDecoratorProvider() {}

  @Override
  public String name() {
    return "rate_limit";
  }

  @Override
  public int order() {
    return Decorators.RATE_LIMIT_ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new RateLimitedDatabase(database, RateLimitSettings.of(config));
  }
}

package io.dataknobs.decorator.resilience.ratelimit;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Map;
import java.time.Duration;

/** The {@code rate_limit} section: {@code per_second}, {@code timeout}. */
@ServiceProvider(DecoratorProvider.class)
public final class RateLimitDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): outside the bulkhead: it caps calls started per second. */
  public static final int ORDER = 200;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("name", ConfigType.STRING, null, "the Resilience4j instance's name and its meters' database tag (default: the"
          + " database's name in its configuration)")
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
    return ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new RateLimitedDatabase(database, RateLimitSettings.of(config), config.getString("name"));
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of("per_second", 1_000_000, "timeout", "10s");
  }
}

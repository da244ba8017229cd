package io.dataknobs.decorator.resilience.retry;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Map;
import java.time.Duration;

/** The {@code retry} section: {@code max_attempts}, {@code backoff}, {@code multiplier}. */
@ServiceProvider(DecoratorProvider.class)
public final class RetryDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): outside the breaker: each attempt passes the breaker and the limits. */
  public static final int ORDER = 400;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("name", ConfigType.STRING, null, "the Resilience4j instance's name and its meters' database tag (default: the"
          + " database's name in its configuration)")
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
    return ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new RetryingDatabase(database, RetrySettings.of(config), config.getString("name"));
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of("max_attempts", 3, "backoff", "10ms");
  }
}

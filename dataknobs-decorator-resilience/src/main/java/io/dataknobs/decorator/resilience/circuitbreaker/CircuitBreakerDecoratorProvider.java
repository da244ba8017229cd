package io.dataknobs.decorator.resilience.circuitbreaker;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Map;
import java.time.Duration;

/** The {@code circuit_breaker} section. */
@ServiceProvider(DecoratorProvider.class)
public final class CircuitBreakerDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): outside the limits: an open breaker spends no permit. */
  public static final int ORDER = 300;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("name", ConfigType.STRING, null, "the Resilience4j instance's name and its meters' database tag (default: the"
          + " database's name in its configuration)")
      .add("failure_rate_threshold", ConfigType.DOUBLE, 50.0, "percentage of failed calls that opens the breaker")
      .add("sliding_window_size", ConfigType.INT, 20, "calls the failure rate is computed over")
      .add("minimum_calls", ConfigType.INT, 10, "calls needed before the failure rate counts")
      .add("wait_in_open", ConfigType.DURATION, Duration.ofSeconds(30), "how long the breaker stays open")
      .add("permitted_calls_in_half_open", ConfigType.INT, 3, "trial calls that decide whether it closes again")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public CircuitBreakerDecoratorProvider() {}

  @Override
  public String name() {
    return "circuit_breaker";
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
    return new CircuitBreakingDatabase(database, CircuitBreakerSettings.of(config), config.getString("name"));
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of("failure_rate_threshold", 50, "minimum_calls", 20);
  }
}

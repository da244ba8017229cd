package io.dataknobs.decorator.resilience.bulkhead;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Map;
import java.time.Duration;

/** The {@code bulkhead} section: {@code max_concurrent}, {@code max_wait}. */
@ServiceProvider(DecoratorProvider.class)
public final class BulkheadDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): innermost of the shipped decorators: it caps calls running at once on the backend itself. */
  public static final int ORDER = 100;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("name", ConfigType.STRING, null, "the Resilience4j instance's name and its meters' database tag (default: the"
          + " database's name in its configuration)")
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
    return ORDER;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database decorate(Database database, BackendConfig config) {
    return new BulkheadDatabase(database, BulkheadSettings.of(config), config.getString("name"));
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of("max_concurrent", 64, "max_wait", "10s");
  }
}

package io.dataknobs.decorator.cache;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Map;
import java.time.Duration;

/** The {@code cache} section: {@code records: {max_size, ttl}}, {@code queries: {max_size, ttl}}. */
@ServiceProvider(DecoratorProvider.class)
public final class CacheDecoratorProvider implements DecoratorProvider {
  /** Position in the stack (lower is closer to the backend): outside the limits and retries: a hit spends none of them. */
  public static final int ORDER = 500;

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("records.max_size", ConfigType.LONG, 10_000L, "records kept by id (0: no record cache)")
      .add("records.ttl", ConfigType.DURATION, Duration.ofMinutes(5), "how long a record stays after it was loaded")
      .add("queries.max_size", ConfigType.LONG, 1_000L, "query results kept (0: no query cache)")
      .add("queries.ttl", ConfigType.DURATION, Duration.ofMinutes(1), "how long a query result stays")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public CacheDecoratorProvider() {}

  @Override
  public String name() {
    return "cache";
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
    return new CachingDatabase(database, CacheSettings.of(config));
  }

  /** Limits high enough that a conforming TCK run never meets them (rule 28). */
  @Override
  public Map<String, Object> conformanceSettings() {
    return Map.of("records", Map.of("max_size", 1000, "ttl", "5m"), "queries", Map.of("max_size", 100, "ttl", "1m"));
  }
}

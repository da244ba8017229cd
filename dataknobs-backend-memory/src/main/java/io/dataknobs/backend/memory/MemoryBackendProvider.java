package io.dataknobs.backend.memory;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.util.Set;

/** The {@code memory} backend (aliases {@code mem}, {@code inmemory}). */
@ServiceProvider(BackendProvider.class)
public final class MemoryBackendProvider implements BackendProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("initial_capacity", ConfigType.INT, 16, "expected number of records, to size the table up front")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public MemoryBackendProvider() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("mem", "inmemory");
  }

  @Override
  public String description() {
    return "in-process, thread-safe, with atomic transactions; data lives as long as the database";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    return new MemoryDatabase(config.getInt("initial_capacity", 16));
  }
}

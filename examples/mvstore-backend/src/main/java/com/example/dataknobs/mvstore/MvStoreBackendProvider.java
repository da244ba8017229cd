package com.example.dataknobs.mvstore;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.util.Set;

/**
 * The {@code mvstore} backend: what {@code DatabaseFactory} finds. {@code @ServiceProvider}
 * registers it three ways at build time: {@code META-INF/services} (class path), {@code provides}
 * in the generated {@code module-info} (module path), and an OSGi service capability (Felix).
 */
@ServiceProvider(BackendProvider.class)
public final class MvStoreBackendProvider implements BackendProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("path", ConfigType.STRING, ":memory:", "the store file; :memory: keeps records in memory only")
      .add("map", ConfigType.STRING, "records", "the map inside the store that holds the records")
      .add("cache_size", ConfigType.INT, 16, "read cache of the store, in MB")
      .add("compress", ConfigType.BOOLEAN, false, "compress pages written to the file (LZF)")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public MvStoreBackendProvider() {}

  @Override
  public String name() {
    return "mvstore";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("h2-mvstore");
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    String path = config.getString("path");
    return new MvStoreDatabase(":memory:".equals(path) ? null : path, config.getString("map"),
        config.getInt("cache_size", 16), config.getBoolean("compress", false));
  }
}

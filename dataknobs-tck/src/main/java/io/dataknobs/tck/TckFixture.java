package io.dataknobs.tck;

import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import java.util.Map;

/** What the TCK needs from a backend under test. */
public interface TckFixture {
  /** @return the provider under test (its name, aliases and config spec are checked) */
  BackendProvider provider();

  /**
   * Opens a database through the factory (so configuration validation and name resolution
   * are those users get), e.g. {@code DatabaseFactory.standard().open(backend, config)}.
   */
  Database open(String backend, Map<String, Object> config);

  /** @return a configuration that opens a fresh, empty database (its own table, index or prefix) */
  Map<String, Object> baseConfig();

  /** @return a fresh, empty database; by default {@code open(provider().name(), baseConfig())} */
  default Database newDatabase() {
    return open(provider().name(), baseConfig());
  }
}

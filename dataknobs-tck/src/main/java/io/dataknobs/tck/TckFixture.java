package io.dataknobs.tck;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import java.util.Map;
import java.util.Set;

/** What the TCK needs from a backend under test. */
public interface TckFixture {
  /** @return the provider under test (its name, aliases and config spec are checked) */
  BackendProvider provider();

  /**
   * Opens a database through the factory (so configuration validation and name resolution
   * are those users get), e.g. {@code DatabaseFactory.standard().open(backend, config)}.
   */
  Database open(String backend, Map<String, Object> config);

  /**
   * The capabilities this backend claims, stated by its author, not read from the database:
   * the TCK checks that {@code capabilities()} reports exactly these (rule 29) and chooses the
   * branches of rules that depend on a capability (rule 25: {@code TRANSACTIONS}) from this set,
   * so a backend cannot pass by quietly reporting less.
   *
   * @return the capabilities a database of {@link #baseConfig()} has
   */
  Set<Capability> declaredCapabilities();

  /** @return a configuration that opens a fresh, empty database (its own table, index or prefix) */
  Map<String, Object> baseConfig();

  /** @return a fresh, empty database; by default {@code open(provider().name(), baseConfig())} */
  default Database newDatabase() {
    return open(provider().name(), baseConfig());
  }
}

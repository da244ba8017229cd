package io.dataknobs.backend.sqlite;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.util.Map;
import java.util.Set;

/** The whole TCK on a private in-memory SQLite database. */
class SqliteMemoryTckTest extends DatabaseTck {
  static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  @Override
  public BackendProvider provider() {
    return new SqliteBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN, Capability.AGGREGATION_PUSHDOWN, Capability.BULK_WRITE);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of("path", ":memory:");
  }
}

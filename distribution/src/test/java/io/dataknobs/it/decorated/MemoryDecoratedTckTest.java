package io.dataknobs.it.decorated;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DecoratedDatabaseTck;
import java.util.Map;
import java.util.Set;

/** Rule 28 on the memory backend: the TCK through each decorator bundle and through all of them. */
class MemoryDecoratedTckTest extends DecoratedDatabaseTck {
  private static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  @Override
  public BackendProvider provider() {
    return FACTORY.provider("memory");
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
    return Map.of();
  }
}

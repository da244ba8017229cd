package io.dataknobs.backend.memory;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.util.Map;
import java.util.Set;

/**
 * The whole TCK against a backend that has no capabilities, so that core's fallbacks
 * (compensating createBatch, paging streamRead, in-memory count and aggregation, emulated
 * transactions, UnsupportedCapabilityException for STRICT) are held to every rule.
 */
class FallbackTckTest extends DatabaseTck {
  private static final DatabaseFactory FACTORY = new DatabaseFactory(new PrimitivesOnlyProvider());

  @Override
  public BackendProvider provider() {
    return new PrimitivesOnlyProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of();
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of();
  }
}

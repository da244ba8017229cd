package com.example.dataknobs.mvstore;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.util.Map;
import java.util.Set;

/** The whole TCK on an in-memory store, opened the way users open it: by name, through the factory. */
class MvStoreTckTest extends DatabaseTck {
  static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  @Override
  public BackendProvider provider() {
    return FACTORY.provider("mvstore");
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.CONDITIONAL_WRITE);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of();
  }
}

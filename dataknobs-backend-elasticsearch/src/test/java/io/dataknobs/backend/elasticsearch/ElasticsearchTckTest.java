package io.dataknobs.backend.elasticsearch;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import io.dataknobs.testservers.ElasticsearchServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The whole TCK against a real Elasticsearch node: a fresh index per test. */
class ElasticsearchTckTest extends DatabaseTck {
  static final DatabaseFactory FACTORY = new DatabaseFactory(new ElasticsearchBackendProvider());

  @Override
  public BackendProvider provider() {
    return new ElasticsearchBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN, Capability.AGGREGATION_PUSHDOWN, Capability.STREAMING_CURSOR, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return freshIndexConfig("tck");
  }

  /** @return configuration reaching the test node, on an index no other test uses */
  static Map<String, Object> freshIndexConfig(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>(ElasticsearchServer.shared().config());
    m.put("index", ElasticsearchServer.shared().freshIndex(prefix));
    return m;
  }
}

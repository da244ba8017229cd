package io.dataknobs.it.decorated;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DecoratedDatabaseTck;
import io.dataknobs.testservers.ElasticsearchServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Rule 28 on Elasticsearch: the TCK through each decorator and through all of them, a fresh index per test. */
class ElasticsearchDecoratedTckTest extends DecoratedDatabaseTck {
  private static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  @Override
  public BackendProvider provider() {
    return FACTORY.provider("elasticsearch");
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
    Map<String, Object> m = new LinkedHashMap<>(ElasticsearchServer.shared().config());
    m.put("index", ElasticsearchServer.shared().freshIndex("dtck"));
    return m;
  }
}

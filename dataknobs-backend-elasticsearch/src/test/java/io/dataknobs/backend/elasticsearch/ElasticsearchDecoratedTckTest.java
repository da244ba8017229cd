package io.dataknobs.backend.elasticsearch;

import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DecoratedDatabaseTck;
import java.util.Map;

/** Rule 28 on Elasticsearch: the TCK through each decorator and through all of them, a fresh index per test. */
class ElasticsearchDecoratedTckTest extends DecoratedDatabaseTck {
  private static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  @Override
  public BackendProvider provider() {
    return new ElasticsearchBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return ElasticsearchTckTest.freshIndexConfig("dtck");
  }
}

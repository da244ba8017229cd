package io.dataknobs.backend.postgres;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import io.dataknobs.testservers.PostgresServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The whole TCK against a real PostgreSQL: one schema for this class, a fresh table per test. */
class PostgresTckTest extends DatabaseTck {
  static final DatabaseFactory FACTORY = new DatabaseFactory(new PostgresBackendProvider());
  private static final String SCHEMA = PostgresServer.shared().freshSchema("tck");
  private static final AtomicInteger TABLES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return new PostgresBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN, Capability.AGGREGATION_PUSHDOWN, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public Map<String, Object> baseConfig() {
    Map<String, Object> m = new LinkedHashMap<>(PostgresServer.shared().config());
    m.put("schema", SCHEMA);
    m.put("table", "t" + TABLES.incrementAndGet());
    return m;
  }
}

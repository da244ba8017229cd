package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK on a DuckDB file, a fresh table per test. */
class DuckDbFileTckTest extends DatabaseTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return new DuckDbBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return DuckDbMemoryTckTest.FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN, Capability.AGGREGATION_PUSHDOWN, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of("path", dir.resolve("tck.db").toString(), "table", "t" + TABLES.incrementAndGet());
  }
}

package io.dataknobs.it.decorated;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DecoratedDatabaseTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Rule 28 on SQLite (a WAL file, so reads and writes run on separate connections): the TCK through each decorator and all of them. */
class SqliteDecoratedTckTest extends DecoratedDatabaseTck {
  private static final DatabaseFactory FACTORY = DatabaseFactory.standard();
  @TempDir
  static Path dir;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return FACTORY.provider("sqlite");
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
    return Map.of("path", dir.resolve("decorated.db").toString(), "table", "d" + TABLES.incrementAndGet());
  }
}

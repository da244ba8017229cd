package io.dataknobs.backend.sqlite;

import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DecoratedDatabaseTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** Rule 28 on SQLite (a WAL file, so reads and writes run on separate connections): the TCK through each decorator and all of them. */
class SqliteDecoratedTckTest extends DecoratedDatabaseTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return new SqliteBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return SqliteMemoryTckTest.FACTORY.open(backend, config);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of("path", dir.resolve("decorated.db").toString(), "table", "d" + TABLES.incrementAndGet());
  }
}

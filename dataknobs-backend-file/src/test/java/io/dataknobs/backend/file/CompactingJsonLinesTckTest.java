package io.dataknobs.backend.file;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TCK on a JSON Lines file, a fresh file per test, compacted whenever the journal outgrows the
 * file: most records are read back from the file's lines, not from the journal.
 */
class CompactingJsonLinesTckTest extends DatabaseTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger FILES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return new FileBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FileTckTest.FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of("path", dir.resolve("tck" + FILES.incrementAndGet() + ".jsonl").toString(), "compact_bytes", 1);
  }
}

package io.dataknobs.backend.file;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK on a JSON Lines file, a fresh file per test. */
class FileTckTest extends DatabaseTck {
  static final DatabaseFactory FACTORY = new DatabaseFactory(new FileBackendProvider());
  @TempDir
  static Path dir;
  private static final AtomicInteger FILES = new AtomicInteger();

  /** @return the file database at {@code file}, with configuration keys and values after it */
  static Database openFile(Path file, Object... more) {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("path", file.toString());
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return FACTORY.open("file", config);
  }

  @Override
  public BackendProvider provider() {
    return new FileBackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  /** @return the extension of the test files, which chooses their format */
  String extension() {
    return "jsonl";
  }

  /** @return the {@code compact_bytes} of the test files, or null for the backend's */
  Integer compactBytes() {
    return null;
  }

  @Override
  public Map<String, Object> baseConfig() {
    String path = dir.resolve("tck" + FILES.incrementAndGet() + "." + extension()).toString();
    return compactBytes() == null ? Map.of("path", path) : Map.of("path", path, "compact_bytes", compactBytes());
  }
}

package com.example.dataknobs.mvstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK on a store file, and what a file adds: records survive closing and reopening. */
class MvStoreFileTckTest extends DatabaseTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger FILES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return MvStoreTckTest.FACTORY.provider("mvstore");
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return MvStoreTckTest.FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.CONDITIONAL_WRITE, Capability.PERSISTENT);
  }

  @Override
  public Map<String, Object> baseConfig() {
    return Map.of("path", dir.resolve("tck-" + FILES.incrementAndGet() + ".mv.db").toString());
  }

  @Test
  void recordsAndVersionsSurviveReopening() {
    Map<String, Object> config = Map.of("path", dir.resolve("reopen.mv.db").toString(), "map", "people");
    String version;
    try (Database db = open("mvstore", config)) {
      db.create(Record.of("ada", Map.of("name", "Ada", "born", 1815)));
      version = db.version("ada").orElseThrow();
    }
    try (Database db = open("h2-mvstore", config)) {
      assertThat(db.read("ada")).contains(Record.of("ada", Map.of("name", "Ada", "born", 1815L)));
      assertThat(db.version("ada")).contains(version);
      db.update("ada", Record.of(Map.of("name", "Ada Lovelace")));
      assertThat(db.version("ada").orElseThrow()).isNotEqualTo(version);
    }
  }
}

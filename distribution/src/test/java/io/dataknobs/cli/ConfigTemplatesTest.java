package io.dataknobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.DatabaseSettings;
import io.dataknobs.core.DataknobsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guide's two templates ship in the distribution and load into typed settings. */
class ConfigTemplatesTest {
  private static final Path DIR = Path.of("src/main/config");
  private static final Map<String, String> ENV = Map.of("POSTGRES_PASSWORD", "s3cret", "POSTGRES_HOST", "db.internal");

  private static DataknobsConfig load(String name) {
    return DataknobsConfig.load(DIR.resolve(name), ENV::get);
  }

  @Test
  void highPerformanceTemplate() {
    DataknobsConfig cfg = load("high-performance.yaml");
    assertThat(cfg.databaseNames()).containsExactly("postgres", "elasticsearch", "s3", "memory");
    DatabaseSettings pg = cfg.database("postgres");
    assertThat(pg.backend()).isEqualTo("postgres");
    assertThat(pg.getString("host")).isEqualTo("db.internal");
    assertThat(pg.getInt("port")).isEqualTo(5432);
    assertThat(pg.getString("password")).isEqualTo("s3cret");
    assertThat(pg.getInt("pool.min_size")).isEqualTo(20);
    assertThat(pg.getInt("pool.max_size")).isEqualTo(50);
    assertThat(pg.getDuration("pool.timeout")).isEqualTo(Duration.ofSeconds(30));
    assertThat(pg.getDuration("command_timeout")).isEqualTo(Duration.ofSeconds(60));
    assertThat(pg.getLong("max_queries")).isEqualTo(50_000L);
    assertThat(pg.toString()).doesNotContain("s3cret");

    DatabaseSettings es = cfg.database("elasticsearch");
    assertThat(es.getList("hosts")).containsExactly("http://localhost:9200");
    assertThat(es.getBoolean("refresh")).isFalse();
    assertThat(es.getInt("pool.connections")).isEqualTo(50);
    assertThat(es.getInt("pool.maxsize")).isEqualTo(100);
    assertThat(es.getInt("index.number_of_shards")).isEqualTo(3);
    assertThat(es.getInt("index.number_of_replicas")).isZero();
    assertThat(es.getDuration("index.refresh_interval")).isEqualTo(Duration.ofSeconds(30));

    DatabaseSettings s3 = cfg.database("s3");
    assertThat(s3.getString("bucket")).isEqualTo("dataknobs");
    assertThat(s3.getSize("transfer.multipart_threshold")).isEqualTo(8L * 1024 * 1024);
    assertThat(s3.getInt("transfer.max_concurrency")).isEqualTo(10);
    assertThat(s3.getInt("pool.max_connections")).isEqualTo(100);
    assertThat(s3.getInt("max_attempts")).isEqualTo(5);
  }

  @Test
  void memoryOptimizedTemplate() {
    DataknobsConfig cfg = load("memory-optimized.yaml");
    DatabaseSettings pg = cfg.database("postgres");
    assertThat(pg.getInt("pool.max_size")).isEqualTo(10);
    assertThat(pg.getDuration("max_inactive_connection_lifetime")).isEqualTo(Duration.ofMinutes(1));
    DatabaseSettings es = cfg.database("elasticsearch");
    assertThat(es.getString("refresh")).isEqualTo("wait_for");
    assertThat(es.getList("hosts")).containsExactly("http://localhost:9200");
    assertThat(cfg.database("s3").getSize("transfer.multipart_chunksize")).isEqualTo(16L * 1024 * 1024);
    assertThat(cfg.root()).containsKey("streaming");
  }

  @Test
  void postgresEntriesAreValidForTheBackendAndItsDecorators() {
    DatabaseFactory factory = DatabaseFactory.standard();
    for (String template : List.of("high-performance.yaml", "memory-optimized.yaml")) {
      Map<String, Object> entry = load(template).database("postgres").values();
      Map<String, Object> backendPart = new java.util.LinkedHashMap<>();
      entry.forEach((k, v) -> {
        if (factory.decorators().contains(k)) {
          io.dataknobs.core.config.ConfigValidator.validate(k, factory.describe(k), v instanceof Map ? (Map<String, ?>) v : Map.of());
        } else if (!k.equals("backend")) {
          backendPart.put(k, v);
        }
      });
      io.dataknobs.spi.BackendConfig pg = io.dataknobs.core.config.ConfigValidator.validate("postgres", factory.describe("postgres"),
          backendPart);
      assertThat(pg.getInt("max_connections", 0)).as(template).isPositive();
      assertThat(entry).as(template).containsKey("cache");
    }
  }

  @Test
  void requiredVariablesAreReported() {
    assertThatThrownBy(() -> DataknobsConfig.load(DIR.resolve("high-performance.yaml"), k -> null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("POSTGRES_PASSWORD")
        .hasMessageContaining("databases.postgres.password");
  }

  @Test
  void theMemoryEntryOpensThroughTheFactory() {
    for (String template : List.of("high-performance.yaml", "memory-optimized.yaml")) {
      try (Database db = load(template).open("memory", DatabaseFactory.standard())) {
        db.create(Record.of("x", Map.of("a", 1)));
        assertThat(db.count()).isEqualTo(1);
      }
    }
  }
}

package io.dataknobs.it.decorated;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Health;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DataknobsConfig;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.decorator.metrics.MetricsDatabase;
import io.dataknobs.testservers.PostgresServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics: true} records into the registry the application gives (or Micrometer's global
 * one), with the meters of every layer beneath it: the pool, the caches, the limits, and the
 * engine's health; closing the database takes them all away again.
 */
class MetricsRegistryTest {
  @TempDir
  Path dir;

  private DataknobsConfig config(String extra) {
    return DataknobsConfig.fromYaml("""
        databases:
          orders:
            backend: sqlite
            path: %s
            cache: {records: {max_size: 100}}
            bulkhead: {max_concurrent: 8}
            rate_limit: {per_second: 100000}
            retry: {max_attempts: 2}
            circuit_breaker: true
            metrics: %s
        """.formatted(dir.resolve("orders.db"), extra));
  }

  private static void workload(Database db) {
    for (int i = 0; i < 20; i++) {
      db.create(Record.of("o" + i, Map.of("n", (long) i)));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 20; i++) {
        db.read("o" + i);
      }
    }
    db.search(Query.all());
    db.count();
  }

  private static double value(Meter m) {
    return m.measure().iterator().next().getValue();
  }

  @Test
  void aRegistryGivenToTheConfigurationReceivesTheMetersOfEveryLayer() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Database db = config("true").withService(registry).open("orders")) {
      workload(db);

      Timer reads = registry.find("dataknobs.operation").tags("database", "orders", "backend", "sqlite", "operation", "read",
          "outcome", "success").timer();
      assertThat(reads).as("the per-operation timer, tagged with the configuration's name").isNotNull();
      assertThat(reads.count()).isEqualTo(40);
      assertThat(Arrays.stream(reads.takeSnapshot().percentileValues()).map(ValueAtPercentile::percentile))
          .as("percentiles computed by Micrometer").containsExactly(0.5, 0.95, 0.99);

      // the cache, through Caffeine's binder: the second round of reads hit
      assertThat(registry.find("cache.gets").tags("database", "orders", "cache", "records", "result", "hit").functionCounter().count())
          .isGreaterThanOrEqualTo(20);
      // the limits, through Resilience4j's publishers, named after the database
      assertThat(registry.find("resilience4j.bulkhead.available.concurrent.calls").tags("name", "orders", "backend", "sqlite").gauge()
          .value()).isEqualTo(8);
      assertThat(registry.find("resilience4j.ratelimiter.available.permissions").tag("name", "orders").gauge()).isNotNull();
      assertThat(registry.find("resilience4j.retry.calls").tag("name", "orders").meters()).isNotEmpty();
      assertThat(registry.find("resilience4j.circuitbreaker.state").tags("name", "orders", "state", "closed").gauge().value())
          .isEqualTo(1);
      // SQLite's read connections
      assertThat(value(registry.find("dataknobs.pool.connections").tags("database", "orders", "state", "idle").gauge()))
          .as("read connections kept between calls").isGreaterThanOrEqualTo(1);
      assertThat(value(registry.find("dataknobs.pool.connections").tags("database", "orders", "state", "active").gauge())).isZero();
      // the engine's health
      assertThat(registry.find(MetricsDatabase.HEALTH_GAUGE).tags("database", "orders").gauge().value()).isEqualTo(1);

      MetricsDatabase metrics = Decorators.find(db, MetricsDatabase.class).orElseThrow();
      assertThat(metrics.snapshot().operation("read").orElseThrow().count()).isEqualTo(40);
      assertThat(metrics.report()).contains("read").contains("p99 ms");
    }
    assertThat(Search.in(registry).tag("database", "orders").meters()).as("closing removes every meter of the database").isEmpty();
    assertThat(Search.in(registry).tag("name", "orders").meters()).isEmpty();
  }

  @Test
  void withoutAGivenRegistryTheMetersGoToMicrometersGlobalRegistry() {
    SimpleMeterRegistry global = new SimpleMeterRegistry();
    Metrics.addRegistry(global);
    try (Database db = config("{name: global-orders}").open("orders")) {
      workload(db);
      assertThat(global.find("dataknobs.operation").tags("database", "global-orders", "operation", "create").timer().count())
          .isEqualTo(20);
    } finally {
      Metrics.removeRegistry(global);
    }
  }

  @Test
  void aMeasuredDatabaseWorksAndReportsWhenTheGlobalRegistryKeepsNothing() {
    try (Database db = DatabaseFactory.standard().open("memory", Map.of("metrics", true))) {
      db.create(Record.of("a", Map.of()));
      db.read("a");
      assertThat(Decorators.find(db, MetricsDatabase.class).orElseThrow().snapshot().operation("read").orElseThrow().count())
          .isEqualTo(1);
    }
  }

  @Test
  void aDatabaseReopenedUnderTheSameNameTakesOverItsMetersAndTheOldOneClosingLeavesThem() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DataknobsConfig cfg = config("true").withService(registry);
    Database old = cfg.open("orders");
    old.create(Record.of("a", Map.of()));
    Database successor = cfg.open("orders");
    old.close(); // calls in flight finished on the old instance; the successor serves from now on
    successor.read("a");
    successor.read("a");
    assertThat(registry.find("dataknobs.operation").tags("database", "orders", "operation", "read").timer().count()).isEqualTo(2);
    assertThat(registry.find(MetricsDatabase.HEALTH_GAUGE).tags("database", "orders").gauge().value()).isEqualTo(1);
    successor.close();
    assertThat(Search.in(registry).tag("database", "orders").meters()).isEmpty();
  }

  @Test
  void postgresPublishesHikarisOwnPoolMetersAndItsPoolStateInHealth() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DatabaseFactory factory = DatabaseFactory.standard();
    factory.addService(registry);
    Map<String, Object> cfg = new LinkedHashMap<>(PostgresServer.shared().config());
    cfg.put("schema", PostgresServer.shared().freshSchema("metrics"));
    cfg.put("table", "pooled");
    cfg.put("metrics", true);
    try (Database db = factory.open("postgres", cfg)) {
      db.create(Record.of("a", Map.of("n", 1L)));
      db.read("a");
      assertThat(registry.find("hikaricp.connections.active").gauges()).as("HikariCP's tracker, bound to the given registry")
          .isNotEmpty();
      assertThat(registry.find("hikaricp.connections.acquire").timers()).isNotEmpty();
      assertThat(registry.find("dataknobs.operation").tags("backend", "postgres", "operation", "create").timer().count()).isEqualTo(1);
      Health h = db.health(Duration.ofSeconds(10));
      assertThat(h.isUp()).as("%s", h).isTrue();
      assertThat(h.details()).containsKeys("pool.active", "pool.idle", "pool.total", "pool.waiting");
      assertThat(registry.find(MetricsDatabase.HEALTH_GAUGE).tags("backend", "postgres").gauge().value()).isEqualTo(1);
    }
  }
}

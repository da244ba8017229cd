package io.dataknobs.it.decorated;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Health;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.api.Record;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.decorator.Decorators;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#health}: an engine that does not answer is reported after the timeout, and decorators never answer for it. */
class HealthTest {
  private static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  @TempDir
  Path dir;

  /** An engine whose lookups hang until released, probed by the API's own default check. */
  private static Database hanging(Database engine, CountDownLatch release) {
    return (Database) java.lang.reflect.Proxy.newProxyInstance(Database.class.getClassLoader(), new Class<?>[] {Database.class},
        (proxy, method, args) -> {
          if (method.getName().equals("exists")) {
            release.await();
          }
          if (method.isDefault() && method.getName().equals("health")) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
          }
          try {
            return method.invoke(engine, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void anEngineThatDoesNotAnswerIsDownAfterTheTimeoutWithoutHoldingTheCaller() {
    CountDownLatch release = new CountDownLatch(1);
    try (Database db = hanging(FACTORY.open("memory", Map.of()), release)) {
      Health h = db.health(Duration.ofMillis(200));
      assertThat(h.status()).isEqualTo(Health.Status.DOWN);
      assertThat(h.message()).contains("no answer within 200 ms");
      assertThat(h.latency()).isEqualTo(Duration.ofMillis(200));
      release.countDown();
      assertThat(db.health(Duration.ofSeconds(10)).isUp()).isTrue();
    }
  }

  @Test
  void aFullBulkheadDoesNotRefuseTheCheckAndTheCacheDoesNotAnswerForTheEngine() throws Exception {
    DecoratorsTest.Probe probe = new DecoratorsTest.Probe(FACTORY.open("sqlite", Map.of("path", dir.resolve("h.db").toString())));
    Database db = Decorators.of(probe).with("bulkhead", Map.of("max_concurrent", 1)).with("cache", true).build();
    db.create(Record.of("a", Map.of()));
    probe.lingerMillis = 1_500;
    Thread holder = new Thread(() -> db.read("a"));
    holder.start();
    while (probe.running.get() == 0) {
      Thread.sleep(10);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.count()).isInstanceOf(LimitExceededException.class);
    Health h = db.health(Duration.ofSeconds(10));
    assertThat(h.isUp()).as("%s", h).isTrue();
    assertThat(h.backend()).isEqualTo("sqlite");
    assertThat(h.details()).containsKeys("pool.active", "pool.idle", "pool.total", "pool.waiting");
    holder.join();
    db.close();
    assertThat(db.health(Duration.ofSeconds(1)).message()).contains("closed");
  }
}

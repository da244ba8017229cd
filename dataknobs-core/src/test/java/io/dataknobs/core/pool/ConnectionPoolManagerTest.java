package io.dataknobs.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.core.config.ConfigValidator;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionPoolManagerTest {
  static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("host", ConfigType.STRING, "localhost", "host")
      .add(ConfigKey.of("password", ConfigType.STRING, "secret").asSecret())
      .add("max_connections", ConfigType.INT, 10, "size")
      .build();

  /** A stand-in pool object: what is pooled does not matter to the manager, only its lifecycle. */
  static final class FakePool {
    final int id;
    volatile boolean closed;

    FakePool(int id) {
      this.id = id;
    }
  }

  private final ConnectionPoolManager manager = new ConnectionPoolManager();
  private final AtomicInteger created = new AtomicInteger();

  private static BackendConfig config(Map<String, ?> raw) {
    return ConfigValidator.validate("postgres", SPEC, raw);
  }

  private PoolLease<FakePool> lease(Object owner, Map<String, ?> raw) {
    return manager.acquire(owner, config(raw), c -> new FakePool(created.incrementAndGet()), p -> p.closed = true,
        new PoolMetrics<>() {
          @Override
          public int active(FakePool pool) {
            return 1;
          }

          @Override
          public int idle(FakePool pool) {
            return 2;
          }

          @Override
          public int waiting(FakePool pool) {
            return 0;
          }
        });
  }

  @Test
  void holdersOfOneConfigurationShareAPoolUntilTheLastCloses() {
    Map<String, Object> cfg = Map.of("host", "db", "password", "hunter2");
    PoolLease<FakePool> a = lease("owner", cfg);
    PoolLease<FakePool> b = lease("owner", cfg);
    PoolLease<FakePool> c = lease("owner", cfg);
    assertThat(a.pool()).isSameAs(b.pool()).isSameAs(c.pool());
    assertThat(manager.poolCount()).isEqualTo(1);
    assertThat(a.info().holders()).isEqualTo(3);
    a.close();
    a.close();
    b.close();
    assertThat(c.pool().closed).isFalse();
    assertThat(manager.poolCount()).isEqualTo(1);
    c.close();
    assertThat(c.pool().closed).isTrue();
    assertThat(manager.poolCount()).isZero();
    assertThat(created).hasValue(1);
  }

  @Test
  void passwordsOwnersAndSettingsSeparatePools() {
    PoolLease<FakePool> a = lease("owner", Map.of("password", "one"));
    PoolLease<FakePool> b = lease("owner", Map.of("password", "two"));
    PoolLease<FakePool> c = lease("other-bundle", Map.of("password", "one"));
    PoolLease<FakePool> d = lease("owner", Map.of("password", "one", "max_connections", 20));
    assertThat(List.of(a.pool(), b.pool(), c.pool(), d.pool())).doesNotHaveDuplicates();
    assertThat(manager.poolCount()).isEqualTo(4);
    assertThat(manager.closeAll("owner")).isEqualTo(3);
    assertThat(a.pool().closed && b.pool().closed && d.pool().closed).isTrue();
    assertThat(c.pool().closed).isFalse();
    c.close();
  }

  @Test
  void poolInfoNeverShowsASecret() {
    PoolLease<FakePool> a = lease("owner", Map.of("password", "s3cr3t-pass", "host", "db.internal"));
    PoolLease<FakePool> b = lease("owner", Map.of("password", "other-pass", "host", "db.internal"));
    List<PoolInfo> info = manager.poolInfo();
    assertThat(info).hasSize(2);
    assertThat(info.toString()).doesNotContain("s3cr3t").doesNotContain("other-pass");
    assertThat(info.get(0).configHash()).as("hash without secrets is the same for both").isEqualTo(info.get(1).configHash());
    assertThat(info.get(0)).satisfies(i -> {
      assertThat(i.active()).isEqualTo(1);
      assertThat(i.idle()).isEqualTo(2);
      assertThat(i.total()).isEqualTo(3);
      assertThat(i.backend()).isEqualTo("postgres");
    });
    a.close();
    b.close();
  }

  @Test
  void concurrentOpenAndCloseLeaveNoPoolBehind() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            try (PoolLease<FakePool> l = lease("owner", Map.of("host", "h" + (i % 3)))) {
              assertThat(l.pool().closed).isFalse();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(manager.poolCount()).isZero();
  }
}

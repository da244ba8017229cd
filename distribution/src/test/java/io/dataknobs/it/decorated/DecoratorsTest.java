package io.dataknobs.it.decorated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.ConflictPolicy;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.core.decorator.ForwardingDatabase;
import io.dataknobs.decorator.resilience.bulkhead.BulkheadDatabase;
import io.dataknobs.decorator.resilience.bulkhead.BulkheadSettings;
import io.dataknobs.decorator.cache.CacheSettings;
import io.dataknobs.decorator.cache.CachingDatabase;
import io.dataknobs.decorator.resilience.circuitbreaker.CircuitBreakerSettings;
import io.dataknobs.decorator.resilience.circuitbreaker.CircuitBreakingDatabase;
import io.dataknobs.decorator.metrics.MetricsDatabase;
import io.dataknobs.decorator.metrics.OperationMetrics;
import io.dataknobs.decorator.resilience.ratelimit.RateLimitSettings;
import io.dataknobs.decorator.resilience.retry.RetrySettings;
import io.dataknobs.decorator.cache.CacheDecoratorProvider;
import io.dataknobs.decorator.metrics.MetricsDecoratorProvider;
import io.dataknobs.decorator.metrics.MetricsSettings;
import io.dataknobs.decorator.resilience.bulkhead.BulkheadDecoratorProvider;
import io.dataknobs.decorator.resilience.circuitbreaker.CircuitBreakerDecoratorProvider;
import io.dataknobs.decorator.resilience.ratelimit.RateLimitDecoratorProvider;
import io.dataknobs.decorator.resilience.ratelimit.RateLimitedDatabase;
import io.dataknobs.decorator.resilience.retry.RetryDecoratorProvider;
import io.dataknobs.decorator.resilience.retry.RetryingDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each decorator promises beyond "changes no result" (which the decorated TCK proves). */
class DecoratorsTest {
  private static final DatabaseFactory FACTORY = DatabaseFactory.standard();

  private static Database memory() {
    return FACTORY.open("memory", Map.of());
  }

  private static Record rec(String id, long v) {
    return Record.builder().id(id).put("v", v).put("kind", "k").build();
  }

  private static long v(Optional<Record> r) {
    return ((Number) r.orElseThrow().get("v")).longValue();
  }

  /** Counts calls reaching the backend and the most running at once; can be told to fail or to linger. */
  static final class Probe extends ForwardingDatabase {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger highest = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger creates = new AtomicInteger();
    volatile int failNext;
    volatile long lingerMillis;

    Probe(Database d) {
      super(d);
    }

    private <T> T enter(java.util.function.Supplier<T> call) {
      highest.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        if (lingerMillis > 0) {
          Thread.sleep(lingerMillis);
        }
        if (failNext > 0) {
          failNext--;
          throw new BackendUnavailableException("probe: connection lost");
        }
        return call.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public Optional<Record> read(String id) {
      reads.incrementAndGet();
      return enter(() -> super.read(id));
    }

    @Override
    public String create(Record record) {
      creates.incrementAndGet();
      return enter(() -> super.create(record));
    }
  }

  @Test
  void noStaleReadAfterAnyWriteThroughTheCache() {
    try (Database db = FACTORY.open("memory", Map.of("cache", Map.of("records", Map.of("max_size", 100))))) {
      CachingDatabase cache = Decorators.find(db, CachingDatabase.class).orElseThrow();
      db.create(rec("a", 1));
      Query byKind = Query.all().filter("kind", Operator.EQ, "k");
      assertThat(v(db.read("a"))).isEqualTo(1);
      assertThat(v(db.read("a"))).isEqualTo(1);
      assertThat(db.count(byKind)).isEqualTo(1);
      assertThat(cache.recordStatistics().hits()).isEqualTo(1);

      db.update("a", rec("a", 2));
      assertThat(v(db.read("a"))).as("after update").isEqualTo(2);
      db.upsertBatch(List.of(rec("a", 3), rec("b", 3)));
      assertThat(db.readBatch(List.of("a", "b"))).as("after upsertBatch").extracting(r -> v(r)).containsExactly(3L, 3L);
      assertThat(db.count(byKind)).as("query cache after upsertBatch").isEqualTo(2);
      db.streamWrite(List.of(rec("a", 4), rec("c", 4)), StreamConfig.builder().onConflict(ConflictPolicy.UPSERT).build());
      assertThat(v(db.read("a"))).as("after streamWrite").isEqualTo(4);
      assertThat(db.search(byKind)).hasSize(3);
      db.inTransaction(tx -> tx.update("a", rec("a", 5)));
      assertThat(v(db.read("a"))).as("after a committed transaction").isEqualTo(5);
      db.delete("a");
      assertThat(db.read("a")).as("after delete").isEmpty();
      assertThat(db.exists("a")).isFalse();
      assertThat(db.count(byKind)).isEqualTo(2);
      db.clear();
      assertThat(db.read("b")).as("after clear").isEmpty();
      assertThat(cache.recordStatistics().hitRate()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void aReadRacingWritesNeverCachesAnOlderValue() throws Exception {
    try (Database db = Decorators.of(memory()).layer(CacheDecoratorProvider.ORDER, d -> new CachingDatabase(d, CacheSettings.defaults())).build()) {
      db.create(rec("hot", 0));
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService readers = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        running.add(readers.submit(() -> {
          while (!stop.get()) {
            db.read("hot");
          }
        }));
      }
      try {
        for (long n = 1; n <= 2_000; n++) {
          db.update("hot", rec("hot", n));
          assertThat(v(db.read("hot"))).as("read right after writing %s", n).isEqualTo(n);
        }
      } finally {
        stop.set(true);
        for (Future<?> f : running) {
          f.get(10, TimeUnit.SECONDS);
        }
        readers.shutdownNow();
      }
    }
  }

  @Test
  void bulkheadNeverLetsMoreThanMaxConcurrentThroughAndNamesItselfWhenFull() throws Exception {
    Probe probe = new Probe(memory());
    probe.create(rec("x", 1));
    probe.lingerMillis = 2;
    try (Database db = Decorators.of(probe).layer(BulkheadDecoratorProvider.ORDER, d -> new BulkheadDatabase(d, new BulkheadSettings(8, Duration.ofSeconds(30)))).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(64);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 640; i++) {
        done.add(pool.submit(() -> db.read("x")));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
      assertThat(probe.highest.get()).isLessThanOrEqualTo(8).isGreaterThan(1);
    }
    probe.lingerMillis = 300;
    Probe fresh = new Probe(memory());
    fresh.create(rec("x", 1));
    fresh.lingerMillis = 300;
    try (Database db = Decorators.of(fresh).layer(BulkheadDecoratorProvider.ORDER, d -> new BulkheadDatabase(d, new BulkheadSettings(1, Duration.ZERO))).build()) {
      ExecutorService one = Executors.newSingleThreadExecutor();
      Future<?> holder = one.submit(() -> db.read("x"));
      while (fresh.running.get() == 0) {
        Thread.onSpinWait();
      }
      assertThatThrownBy(() -> db.read("x")).isInstanceOf(LimitExceededException.class).hasMessageContaining("bulkhead")
          .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("bulkhead"));
      holder.get(10, TimeUnit.SECONDS);
      one.shutdownNow();
    }
  }

  @Test
  void aStreamHoldsAPermitPerBatchNotForItsWholeLife() {
    try (Database db = Decorators.of(memory()).layer(BulkheadDecoratorProvider.ORDER, d -> new BulkheadDatabase(d, new BulkheadSettings(1, Duration.ZERO))).build()) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rows.add(rec("r" + i, i));
      }
      db.createBatch(rows);
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(10).build())) {
        Iterator<Record> it = s.iterator();
        it.next();
        assertThat(db.read("r50")).as("the only permit is free between batches").isPresent();
        int n = 1;
        while (it.hasNext()) {
          it.next();
          n++;
        }
        assertThat(n).isEqualTo(100);
      }
    }
  }

  @Test
  void rateLimitRefusesWithATypedErrorOnceThePermitsOfASecondAreSpent() {
    try (Database db = Decorators.of(memory()).layer(RateLimitDecoratorProvider.ORDER, d -> new RateLimitedDatabase(d, new RateLimitSettings(5, Duration.ZERO))).build()) {
      db.create(rec("x", 1));
      assertThatThrownBy(() -> {
        for (int i = 0; i < 20; i++) {
          db.read("x");
        }
      }).isInstanceOf(LimitExceededException.class).hasMessageContaining("5 calls per second")
          .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("rate_limit"));
    }
  }

  @Test
  void retryRepeatsReadsOnUnavailabilityOnlyAndNeverAWrite() {
    Probe probe = new Probe(memory());
    try (Database db = Decorators.of(probe).layer(RetryDecoratorProvider.ORDER, d -> new RetryingDatabase(d, new RetrySettings(3, Duration.ofMillis(5), 2))).build()) {
      probe.create(rec("x", 1));
      probe.creates.set(0);
      probe.failNext = 2;
      assertThat(db.read("x")).isPresent();
      assertThat(probe.reads.get()).isEqualTo(3);
      probe.failNext = 1;
      assertThatThrownBy(() -> db.create(rec("y", 1))).isInstanceOf(BackendUnavailableException.class);
      assertThat(probe.creates.get()).as("a write is never tried twice").isEqualTo(1);
      assertThatThrownBy(() -> db.create(rec("x", 2))).isInstanceOf(DuplicateRecordException.class);
      assertThat(probe.creates.get()).isEqualTo(2);
      probe.failNext = 5;
      probe.reads.set(0);
      assertThatThrownBy(() -> db.read("x")).isInstanceOf(BackendUnavailableException.class);
      assertThat(probe.reads.get()).as("max_attempts in all").isEqualTo(3);
    }
  }

  @Test
  void circuitBreakerOpensOnUnavailabilityAndStopsCallingTheBackend() {
    Probe probe = new Probe(memory());
    try (Database db = Decorators.of(probe).layer(CircuitBreakerDecoratorProvider.ORDER, d -> new CircuitBreakingDatabase(d, new CircuitBreakerSettings(50, 4, 4, Duration.ofMinutes(1), 1))).build()) {
      probe.create(rec("x", 1));
      assertThatThrownBy(() -> db.create(rec("x", 1))).isInstanceOf(DuplicateRecordException.class);
      probe.failNext = 100;
      // the duplicate was an answer, not a failure: it counts as a success in the window of 4
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> db.read("x")).isInstanceOf(BackendUnavailableException.class)
            .isNotInstanceOf(LimitExceededException.class);
      }
      int before = probe.reads.get();
      assertThatThrownBy(() -> db.read("x")).isInstanceOf(LimitExceededException.class).hasMessageContaining("OPEN")
          .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("circuit_breaker"));
      assertThat(probe.reads.get()).as("an open breaker does not call the backend").isEqualTo(before);
      assertThat(Decorators.find(db, CircuitBreakingDatabase.class).orElseThrow().state()).isEqualTo("OPEN");
    }
  }

  @Test
  void metricsReportPerOperationLatenciesAndFeedMicrometer() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Database db = Decorators.of(memory()).layer(MetricsDecoratorProvider.ORDER, d -> new MetricsDatabase(d, registry,
        MetricsSettings.defaults("m"))).build()) {
      for (int i = 0; i < 50; i++) {
        db.create(rec("m" + i, i));
        db.read("m" + i);
      }
      assertThatThrownBy(() -> db.create(rec("m1", 0))).isInstanceOf(DuplicateRecordException.class);
      MetricsDatabase m = Decorators.find(db, MetricsDatabase.class).orElseThrow();
      OperationMetrics reads = m.snapshot().operation("read").orElseThrow();
      assertThat(reads.count()).isEqualTo(50);
      assertThat(reads.p50()).isPositive().isLessThanOrEqualTo(reads.p95());
      assertThat(reads.p95()).isLessThanOrEqualTo(reads.p99());
      assertThat(reads.max()).as("percentiles are Micrometer's estimates, the maximum is exact").isGreaterThanOrEqualTo(reads.p50());
      assertThat(m.snapshot().operation("create").orElseThrow().errors()).isEqualTo(1);
      assertThat(m.report()).contains("operation").contains("p95 ms").contains("read").contains("create");
      assertThat(registry.find("dataknobs.operation").tags("database", "m", "backend", "memory", "operation", "read", "outcome", "success")
          .timer().count()).isEqualTo(50);
      assertThat(registry.find("dataknobs.operation").tags("operation", "create", "outcome", "DuplicateRecordException").timer().count())
          .isEqualTo(1);
    }
  }

  @Test
  void theStackOrderIsFixedWhateverTheBuilderOrderAndConfigurationMatchesIt() {
    Database built = Decorators.of(memory()).layer(MetricsDecoratorProvider.ORDER, d -> new MetricsDatabase(d, new SimpleMeterRegistry(), MetricsSettings.defaults(null))).layer(BulkheadDecoratorProvider.ORDER, d -> new BulkheadDatabase(d, new BulkheadSettings(4, Duration.ZERO))).layer(CacheDecoratorProvider.ORDER, d -> new CachingDatabase(d, CacheSettings.defaults()))
        .build();
    assertThat(built).isInstanceOf(MetricsDatabase.class);
    assertThat(((ForwardingDatabase) built).delegate()).isInstanceOf(CachingDatabase.class);
    assertThat(((ForwardingDatabase) ((ForwardingDatabase) built).delegate()).delegate()).isInstanceOf(BulkheadDatabase.class);
    built.close();
    try (Database configured = FACTORY.open("memory", Map.of("bulkhead", Map.of("max_concurrent", 4), "metrics", true, "cache",
        Map.of()))) {
      assertThat(configured).isInstanceOf(MetricsDatabase.class);
      assertThat(((ForwardingDatabase) configured).delegate()).isInstanceOf(CachingDatabase.class);
    }
    assertThat(FACTORY.decorators()).contains("cache", "bulkhead", "rate_limit", "retry", "circuit_breaker", "metrics");
    assertThat(FACTORY.describe("cache").acceptedNames()).contains("records.max_size", "queries.ttl");
    assertThat(FACTORY.describe("bulkhead").acceptedNames()).contains("max_concurrent", "max_wait");
    assertThatThrownBy(() -> FACTORY.open("memory", Map.of("bulkhead", Map.of("max_concurent", 4))))
        .isInstanceOf(io.dataknobs.api.ConfigurationException.class).hasMessageContaining("max_concurrent");
  }
}

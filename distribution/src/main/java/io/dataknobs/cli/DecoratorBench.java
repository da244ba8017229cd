package io.dataknobs.cli;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.core.decorator.ForwardingDatabase;
import io.dataknobs.decorator.resilience.bulkhead.BulkheadDatabase;
import io.dataknobs.decorator.resilience.bulkhead.BulkheadSettings;
import io.dataknobs.decorator.cache.CacheSettings;
import io.dataknobs.decorator.cache.CachingDatabase;
import io.dataknobs.decorator.metrics.MetricsDatabase;
import io.dataknobs.decorator.metrics.MetricsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decorator rows of the bench, on the database under test while it holds the records:
 * {@code readBatch} of hot ids through a cache against the same reads uncached, 64 threads
 * reading through a bulkhead of 8 with the highest concurrency that reached the backend, and
 * single reads timed by the metrics decorator (Micrometer timers with percentiles) against the
 * same reads unmeasured: what measuring costs per call.
 */
final class DecoratorBench {
  static final int HOT = 1_000;
  static final int ROUNDS = 200;
  static final int THREADS = 64;
  static final int BULKHEAD = 8;
  static final String UNCACHED = "readBatch hot (no cache)";
  static final String UNMEASURED = "read hot (no metrics)";

  private DecoratorBench() {}

  static List<BenchRow> run(Database db, List<Record> data) {
    List<String> hot = new ArrayList<>();
    for (int i = 0; i < Math.min(HOT, data.size()); i++) {
      hot.add(data.get((int) ((long) i * data.size() / Math.min(HOT, data.size()))).id());
    }
    List<BenchRow> rows = new ArrayList<>();
    // the decorators wrap db without owning it: they are dropped, never closed
    CachingDatabase cached = new CachingDatabase(db, new CacheSettings(10 * HOT, Duration.ofMinutes(5), 100, Duration.ofMinutes(1)));
    rows.addAll(compare("readBatch hot (cache)", UNCACHED, cached, db, hot, DecoratorBench::batches, 2, 1.0));
    rows.add(bulkhead(db, hot));
    // the metrics decorator recording into a registry of its own; single reads are far slower than batches on some
    // engines (DuckDB), so they get rounds of their own, about half a second
    MetricsDatabase measured = new MetricsDatabase(db, new SimpleMeterRegistry(), MetricsSettings.defaults("bench"));
    rows.addAll(compare("read hot (metrics)", UNMEASURED, measured, db, hot, DecoratorBench::oneByOne, 1, 0.5));
    return rows;
  }

  /** One pass of reads over the hot ids: how many were found. */
  @FunctionalInterface
  private interface Pass {
    long read(Database db, List<String> hot);
  }

  /**
   * The same reads through a decorator and without it, as many rounds as the plain reads do in
   * about {@code budget} seconds (at most ROUNDS, at least {@code minRounds}), both paths warmed
   * alike so the JIT has compiled each before it is timed.
   */
  private static List<BenchRow> compare(String name, String baseline, Database decorated, Database plain, List<String> hot, Pass pass,
      int minRounds, double budget) {
    time(plain, hot, 1, pass);
    int rounds = Math.max(minRounds, (int) Math.min(ROUNDS, budget / Math.max(1e-6, time(plain, hot, 1, pass))));
    time(decorated, hot, rounds, pass);
    double decoratedSeconds = time(decorated, hot, rounds, pass);
    double plainSeconds = time(plain, hot, rounds, pass);
    long reads = (long) hot.size() * rounds;
    return List.of(new BenchRow(name, reads, decoratedSeconds, baseline), new BenchRow(baseline, reads, plainSeconds));
  }

  private static double time(Database db, List<String> hot, int rounds, Pass pass) {
    long start = System.nanoTime();
    long found = 0;
    for (int round = 0; round < rounds; round++) {
      found += pass.read(db, hot);
    }
    if (found != (long) hot.size() * rounds) {
      throw new IllegalStateException("hot reads found " + found + " of " + (long) hot.size() * rounds);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static long batches(Database db, List<String> hot) {
    long found = 0;
    for (int from = 0; from < hot.size(); from += 100) {
      for (Optional<Record> r : db.readBatch(hot.subList(from, Math.min(hot.size(), from + 100)))) {
        found += r.isPresent() ? 1 : 0;
      }
    }
    return found;
  }

  private static long oneByOne(Database db, List<String> hot) {
    long found = 0;
    for (String id : hot) {
      found += db.read(id).isPresent() ? 1 : 0;
    }
    return found;
  }

  /** Counts the calls running inside the bulkhead at once. */
  private static final class Peak extends ForwardingDatabase {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();

    Peak(Database d) {
      super(d);
    }

    @Override
    public Optional<Record> read(String id) {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        return super.read(id);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  private static BenchRow bulkhead(Database db, List<String> ids) {
    Peak peak = new Peak(db);
    BulkheadDatabase guarded = new BulkheadDatabase(peak, new BulkheadSettings(BULKHEAD, Duration.ofMinutes(1)));
    int perThread = Math.max(1, ids.size() * 5 / THREADS);
    double seconds = OnThreads.run("bulkhead row", THREADS, perThread * THREADS, i -> guarded.read(ids.get(i % ids.size())));
    if (peak.peak.get() > BULKHEAD) {
      throw new IllegalStateException("bulkhead of " + BULKHEAD + " let " + peak.peak.get() + " calls through at once");
    }
    return new BenchRow("read x" + THREADS + " (bulkhead " + BULKHEAD + ", peak " + peak.peak.get() + ")", (long) perThread * THREADS,
        seconds);
  }
}

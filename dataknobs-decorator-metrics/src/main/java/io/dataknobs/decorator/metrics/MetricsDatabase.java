package io.dataknobs.decorator.metrics;

import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.GuardedDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The guide's performance monitor as a decorator: per operation, the number of calls and
 * errors and min/mean/max and p50/p95/p99 latency, as a {@link #snapshot()} or a
 * {@link #report()} table; with a Micrometer {@code MeterRegistry} (see
 * {@link io.dataknobs.core.decorator.Decorators.Builder#metrics(io.micrometer.core.instrument.MeterRegistry)})
 * every call is also recorded to a timer {@code dataknobs.operation} tagged with the backend,
 * the operation and the outcome. Micrometer is needed only when a registry is given.
 */
public final class MetricsDatabase extends GuardedDatabase {
  private final Map<String, OperationRecorder> recorders = new ConcurrentHashMap<>();
  private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int reservoir;
  private final CallListener listener;

  /** Receives every measured call (a Micrometer binding). */
  public interface CallListener {
    /**
     * @param operation the API method
     * @param nanos how long it took
     * @param failure what it threw, or null
     */
    void called(String operation, long nanos, Throwable failure);
  }

  /**
   * @param delegate the database to measure
   * @param reservoir recent latencies kept per operation for percentiles (at least 1)
   * @param listener also told of every call, or null
   */
  public MetricsDatabase(Database delegate, int reservoir, CallListener listener) {
    super(delegate);
    this.reservoir = Math.max(1, reservoir);
    this.listener = listener;
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      return call.get();
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      long nanos = System.nanoTime() - start;
      recorders.computeIfAbsent(operation, op -> {
        order.add(op);
        return new OperationRecorder(op, reservoir);
      }).record(nanos, failure != null);
      if (listener != null) {
        listener.called(operation, nanos, failure);
      }
    }
  }

  /** @return every operation's metrics now */
  public MetricsSnapshot snapshot() {
    List<OperationMetrics> out = new ArrayList<>();
    for (String op : order) {
      out.add(recorders.get(op).snapshot());
    }
    return new MetricsSnapshot(out);
  }

  /** @return {@link #snapshot()} as a text table */
  public String report() {
    return snapshot().report();
  }
}

package io.dataknobs.decorator.metrics;

import java.time.Duration;
import java.util.Arrays;

/** Latencies of one operation: exact count, errors, min, max and total, and a ring of recent latencies. */
final class OperationRecorder {
  private final String operation;
  private final long[] recent;
  private long count;
  private long errors;
  private long min = Long.MAX_VALUE;
  private long max;
  private long total;

  OperationRecorder(String operation, int reservoir) {
    this.operation = operation;
    this.recent = new long[reservoir];
  }

  synchronized void record(long nanos, boolean failed) {
    recent[(int) (count % recent.length)] = nanos;
    count++;
    errors += failed ? 1 : 0;
    min = Math.min(min, nanos);
    max = Math.max(max, nanos);
    total += nanos;
  }

  synchronized OperationMetrics snapshot() {
    int n = (int) Math.min(count, recent.length);
    long[] sorted = Arrays.copyOf(recent, n);
    Arrays.sort(sorted);
    return new OperationMetrics(operation, count, errors, Duration.ofNanos(count == 0 ? 0 : min), Duration.ofNanos(count == 0 ? 0
        : total / count), Duration.ofNanos(max), pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99));
  }

  /** Nearest-rank percentile. */
  private static Duration pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }
}

package io.dataknobs.decorator.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** Reads one operation's timers (one per outcome) into an {@link OperationMetrics}. */
final class OperationSnapshot {
  private OperationSnapshot() {}

  static OperationMetrics of(String operation, Collection<Timer> timers, String success) {
    long count = 0;
    long errors = 0;
    double totalNanos = 0;
    double maxNanos = 0;
    HistogramSnapshot ok = null;
    for (Timer t : timers) {
      HistogramSnapshot s = t.takeSnapshot();
      count += s.count();
      totalNanos += s.total(TimeUnit.NANOSECONDS);
      maxNanos = Math.max(maxNanos, s.max(TimeUnit.NANOSECONDS));
      if (success.equals(t.getId().getTag("outcome"))) {
        ok = s;
      } else {
        errors += s.count();
      }
    }
    return new OperationMetrics(operation, count, errors, nanos(count == 0 ? 0 : totalNanos / count), nanos(maxNanos),
        pct(ok, 0.5), pct(ok, 0.95), pct(ok, 0.99));
  }

  /** The percentile Micrometer computed, or zero when none was configured or no call succeeded. */
  private static Duration pct(HistogramSnapshot s, double p) {
    if (s == null) {
      return Duration.ZERO;
    }
    for (ValueAtPercentile v : s.percentileValues()) {
      if (Math.abs(v.percentile() - p) < 1e-9) {
        return nanos(v.value(TimeUnit.NANOSECONDS));
      }
    }
    return Duration.ZERO;
  }

  private static Duration nanos(double n) {
    return Duration.ofNanos((long) n);
  }
}

package io.dataknobs.decorator.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every operation's metrics at one moment, in the order the operations were first called.
 *
 * @param operations one entry per operation called
 */
public record MetricsSnapshot(List<OperationMetrics> operations) {
  /** Copies the list. */
  public MetricsSnapshot {
    operations = List.copyOf(operations);
  }

  /** @return the metrics of {@code operation}, if it was called */
  public Optional<OperationMetrics> operation(String operation) {
    return operations.stream().filter(o -> o.operation().equals(operation)).findFirst();
  }

  /** @return the guide's table: operation, count, errors, mean, p50, p95, p99, max in milliseconds */
  public String report() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %9s %7s %9s %9s %9s %9s %9s%n", "operation", "count",
        "errors", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms"));
    for (OperationMetrics o : operations) {
      sb.append(String.format(Locale.ROOT, "%-18s %9d %7d %9.3f %9.3f %9.3f %9.3f %9.3f%n", o.operation(), o.count(), o.errors(),
          ms(o.mean()), ms(o.p50()), ms(o.p95()), ms(o.p99()), ms(o.max())));
    }
    return sb.toString();
  }

  private static double ms(Duration d) {
    return d.toNanos() / 1e6;
  }
}

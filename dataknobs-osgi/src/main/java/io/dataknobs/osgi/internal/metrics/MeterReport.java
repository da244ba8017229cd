package io.dataknobs.osgi.internal.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The shell's {@code dataknobs:metrics}: the per-operation timers as a table, then every other meter of the databases. */
public final class MeterReport {
  private static final List<String> PREFIXES = List.of("dataknobs.", "cache.", "resilience4j.", "hikaricp.");

  private MeterReport() {}

  /**
   * @param registries the {@code MeterRegistry} services (Micrometer's global registry is added)
   * @param database a database's name, or null for all
   * @return the report, or a line saying there is nothing measured
   */
  public static String of(List<Object> registries, String database) {
    Map<MeterRegistry, Boolean> all = new IdentityHashMap<>();
    registries.forEach(r -> all.put((MeterRegistry) r, true));
    all.put(Metrics.globalRegistry, true);
    List<Meter> meters = new ArrayList<>();
    for (MeterRegistry r : all.keySet()) {
      for (Meter m : r.getMeters()) {
        String name = m.getId().getName();
        String db = m.getId().getTag("database");
        if (PREFIXES.stream().anyMatch(name::startsWith) && (database == null || database.equals(db) || name.startsWith("hikaricp."))) {
          meters.add(m);
        }
      }
    }
    if (meters.isEmpty()) {
      return "nothing measured" + (database == null ? "" : " for '" + database + "'") + ": turn on 'metrics: true' in the database's"
          + " configuration (and start the container with --metrics-port N to scrape it)";
    }
    meters.sort(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(MeterReport::tags));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %-18s %-22s %8s %9s %9s %9s %9s %9s%n", "DATABASE",
        "OPERATION", "OUTCOME", "COUNT", "MEAN ms", "P50 ms", "P95 ms", "P99 ms", "MAX ms"));
    for (Meter m : meters) {
      if (m instanceof Timer t && "dataknobs.operation".equals(m.getId().getName())) {
        HistogramSnapshot s = t.takeSnapshot();
        sb.append(String.format(Locale.ROOT, "%-12s %-18s %-22s %8d %9.3f %9.3f %9.3f %9.3f %9.3f%n", m.getId().getTag("database"),
            m.getId().getTag("operation"), m.getId().getTag("outcome"), s.count(), s.mean(TimeUnit.MILLISECONDS), pct(s, 0.5),
            pct(s, 0.95), pct(s, 0.99), s.max(TimeUnit.MILLISECONDS)));
      }
    }
    sb.append('\n');
    for (Meter m : meters) {
      if (!"dataknobs.operation".equals(m.getId().getName())) {
        sb.append(m.getId().getName()).append('{').append(tags(m)).append("} ");
        sb.append(values(m.measure())).append('\n');
      }
    }
    return sb.toString().stripTrailing();
  }

  private static double pct(HistogramSnapshot s, double p) {
    for (ValueAtPercentile v : s.percentileValues()) {
      if (Math.abs(v.percentile() - p) < 1e-9) {
        return v.value(TimeUnit.MILLISECONDS);
      }
    }
    return Double.NaN;
  }

  private static String tags(Meter m) {
    return m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
  }

  private static String values(Iterable<Measurement> ms) {
    List<String> out = new ArrayList<>();
    for (Measurement x : ms) {
      out.add(x.getStatistic().getTagValueRepresentation() + "=" + String.format(Locale.ROOT, "%.3f", x.getValue()));
    }
    return String.join(" ", out);
  }
}

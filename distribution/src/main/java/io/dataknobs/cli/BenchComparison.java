package io.dataknobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The same workload on several backends, side by side: records/s of every row per backend with
 * its ratio to the raw row it is judged against (as the single-backend table gives it), and with
 * two backends the second's rate over the first's (the guide's "DuckDB vs SQLite" table).
 */
final class BenchComparison {
  private final long records;
  private final List<BenchReport> reports;

  BenchComparison(long records, List<BenchReport> reports) {
    this.records = records;
    this.reports = List.copyOf(reports);
  }

  /** @return every row's method, in the order the first backend to run it ran it */
  static List<String> methods(List<BenchReport> reports) {
    Set<String> out = new LinkedHashSet<>();
    reports.forEach(r -> r.rows().forEach(row -> out.add(row.method())));
    return new ArrayList<>(out);
  }

  /** @return records/s of {@code method} on the backend of {@code report}, or null if it has no such row */
  static Double rate(BenchReport report, String method) {
    return report.rows().stream().filter(r -> r.method().equals(method)).findFirst().map(BenchRow::recordsPerSecond).orElse(null);
  }

  String table() {
    List<String> methods = methods(reports);
    int width = Math.max(22, methods.stream().mapToInt(String::length).max().orElse(0));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Records: %,d   JVM: %s   (records/sec)%n%n", records, BenchReport.jvm()));
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "Method"));
    reports.forEach(r -> header.append(String.format(Locale.ROOT, " | %14s | %6s", r.backend(), "vs raw")));
    boolean pair = reports.size() == 2;
    if (pair) {
      header.append(String.format(Locale.ROOT, " | %s vs %s", reports.get(1).backend(), reports.get(0).backend()));
    }
    sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
    for (String m : methods) {
      sb.append(String.format(Locale.ROOT, "%-" + width + "s", m));
      for (BenchReport r : reports) {
        BenchRow row = r.rows().stream().filter(x -> x.method().equals(m)).findFirst().orElse(null);
        BenchRow raw = row == null ? null : r.rawFor(row);
        sb.append(row == null ? String.format(Locale.ROOT, " | %14s", "-") : String.format(Locale.ROOT, " | %,14.0f", row.recordsPerSecond()));
        sb.append(raw == null || raw.recordsPerSecond() == 0 ? String.format(Locale.ROOT, " | %6s", "")
            : String.format(Locale.ROOT, " | %5.2fx", row.recordsPerSecond() / raw.recordsPerSecond()));
      }
      if (pair) {
        Double a = rate(reports.get(0), m);
        Double b = rate(reports.get(1), m);
        sb.append(a == null || b == null || a == 0 ? " |" : String.format(Locale.ROOT, " | %.2fx", b / a));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("records", records);
    root.put("jvm", BenchReport.jvm());
    List<Object> backends = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (BenchReport r : reports) {
      try {
        backends.add(mapper.readTree(r.json()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    root.put("backends", backends);
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

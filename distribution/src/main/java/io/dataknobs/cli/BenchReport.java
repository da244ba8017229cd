package io.dataknobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints bench results as the guide's table or as one JSON object. */
final class BenchReport {
  private final String backend;
  private final long records;
  private final List<BenchRow> rows;

  BenchReport(String backend, long records, List<BenchRow> rows) {
    this.backend = backend;
    this.records = records;
    this.rows = List.copyOf(rows);
  }

  String backend() {
    return backend;
  }

  List<BenchRow> rows() {
    return rows;
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
  }

  /** @return the fastest raw bulk baseline, or null when the backend has none */
  private BenchRow rawBaseline() {
    // raw rows that a row names as its own twin (raw:create, raw:readBatch, …) judge only that row
    java.util.Set<String> twins = new java.util.HashSet<>();
    rows.forEach(r -> {
      if (r.baseline() != null) {
        twins.add(r.baseline());
      }
    });
    BenchRow best = null;
    for (BenchRow r : rows) {
      if (r.isRaw() && !twins.contains(r.method()) && !r.method().contains("aggregate") && !r.method().contains("(")
          && (best == null || r.recordsPerSecond() > best.recordsPerSecond())) {
        best = r;
      }
    }
    return best;
  }

  /** @return the raw row inserting in batches of the same size as bulk row {@code r}, if any */
  private BenchRow rawSameBatches(BenchRow r, BenchRow raw) {
    int batch = r.method().startsWith("streamWrite") ? Bench.STREAM_BATCH : batchOf(r.method());
    String name = raw.method() + "(" + batch + ")";
    return rows.stream().filter(x -> x.method().equals(name)).findFirst().orElse(null);
  }

  private static int batchOf(String method) {
    int open = method.indexOf('(');
    try {
      return open < 0 ? -1 : Integer.parseInt(method.substring(open + 1, method.length() - 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private BenchRow named(String method) {
    return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
  }

  private BenchRow rawAggregate() {
    return rows.stream().filter(r -> r.method().equals("raw:aggregate")).findFirst().orElse(null);
  }

  static boolean isBulkWrite(BenchRow r) {
    return r.method().startsWith("createBatch") || r.method().startsWith("streamWrite");
  }

  /**
   * @param r an API row
   * @return the raw row it is judged against (the same batches when there is one), or null
   */
  BenchRow rawFor(BenchRow r) {
    if (r.isRaw()) {
      return null;
    }
    if (r.baseline() != null) {
      return named(r.baseline());
    }
    BenchRow raw = rawBaseline();
    if (isBulkWrite(r) && raw != null) {
      BenchRow same = rawSameBatches(r, raw);
      return same != null ? same : raw;
    }
    return r.method().equals(Bench.AGGREGATE) ? rawAggregate() : null;
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("backend", backend);
    root.put("records", records);
    root.put("jvm", jvm());
    List<Map<String, Object>> out = new ArrayList<>();
    for (BenchRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", r.method());
      m.put("records", r.records());
      m.put("seconds", Math.round(r.seconds() * 1e4) / 1e4);
      m.put("records_per_sec", Math.round(r.recordsPerSecond() * 10) / 10.0);
      out.add(m);
    }
    root.put("rows", out);
    try {
      return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  String table() {
    BenchRow raw = rawBaseline();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Backend: %s   Records: %,d   JVM: %s%n%n", backend, records, jvm()));
    boolean batched = raw != null && rows.stream().anyMatch(r -> r.isRaw() && r.method().startsWith(raw.method() + "("));
    int width = Math.max(22, rows.stream().mapToInt(r -> r.method().length()).max().orElse(0));
    boolean ratios = raw != null || rows.stream().anyMatch(r -> r.baseline() != null);
    String header = String.format(Locale.ROOT, "%-" + width + "s | %10s | %10s | %14s%s%s", "Method", "Records", "Time", "Records/sec",
        ratios ? " | vs raw" : "", batched ? " | vs raw, same batches" : "");
    sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
    for (BenchRow r : rows) {
      String ratio = "";
      if (ratios) {
        BenchRow base = r.baseline() != null ? named(r.baseline())
            : r.method().equals(Bench.AGGREGATE) ? rawAggregate() : isBulkWrite(r) ? raw : null;
        ratio = base == null ? " |" : String.format(Locale.ROOT, " | %.2fx", r.recordsPerSecond() / base.recordsPerSecond());
        BenchRow same = batched && isBulkWrite(r) && raw != null ? rawSameBatches(r, raw) : null;
        if (same != null) {
          ratio += String.format(Locale.ROOT, " | %.2fx", r.recordsPerSecond() / same.recordsPerSecond());
        }
      }
      sb.append(String.format(Locale.ROOT, "%-" + width + "s | %,10d | %9.3fs | %,14.0f%s%n", r.method(), r.records(), r.seconds(),
          r.recordsPerSecond(), ratio));
    }
    return sb.toString();
  }
}

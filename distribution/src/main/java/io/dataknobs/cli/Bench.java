package io.dataknobs.cli;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The performance guide's comparison, run through the Dataknobs API: individual creates,
 * {@code createBatch} of 100 and of 500, {@code streamWrite}, then {@code readBatch}, a
 * limited {@code search} and a grouped {@code aggregate}. Every phase checks that the work
 * was really done (counts, hits) and fails loudly otherwise.
 */
final class Bench {
  static final int CATEGORIES = 20;

  private final java.util.function.Supplier<Database> open;
  private final boolean reopen;
  private Database db;
  private final int records;
  private final int singleRecords;
  private final int searches;
  private final io.dataknobs.cli.copy.Progress progress;
  /** Records per batch of the {@code streamWrite} row. */
  static final int STREAM_BATCH = 1000;

  private final RawBaseline raw;

  /**
   * @param open opens the database under test (again, with {@code reopen})
   * @param reopen whether the reads run on the database closed and opened again after the
   *     writes, as an application opening the stored records sees them (DuckDB fetches the
   *     rows of a filtered search from a table written in the same process at about half the
   *     speed it fetches them from a table it opened)
   */
  Bench(java.util.function.Supplier<Database> open, boolean reopen, int records, int singleRecords, int searches,
      io.dataknobs.cli.copy.Progress progress, RawBaseline raw) {
    this.raw = raw;
    this.open = open;
    this.reopen = reopen;
    this.records = records;
    this.singleRecords = Math.min(records, singleRecords);
    this.searches = searches;
    this.progress = progress;
  }

  /** @return {@code n} deterministic records {@code bench-00000000…} with mixed field types */
  static List<Record> generate(int n) {
    List<Record> out = new ArrayList<>(n);
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      out.add(Record.builder().id(String.format("bench-%08d", i))
          .put("category", "c" + (i % CATEGORIES))
          .put("amount", (i % 1000) / 10.0)
          .put("quantity", i % 97)
          .put("name", "item number " + i)
          .put("active", i % 3 == 0)
          .put("created", base.plusSeconds(i))
          .build());
    }
    return out;
  }

  /** Opens the database, runs every row on it and closes it. */
  List<BenchRow> run() {
    db = open.get();
    try {
      return runOpen();
    } finally {
      if (db != null) {
        db.close();
      }
    }
  }

  /**
   * Closes the database and opens it again; the row's time is the close (a checkpoint, a pool
   * shut down) and the open. Fails when the records did not survive: the database keeps none
   * when closed.
   */
  private BenchRow reopened() {
    long start = System.nanoTime();
    Database closing = db;
    db = null;
    closing.close();
    db = open.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    long n = db.count();
    if (n != records) {
      throw new IllegalStateException("--reopen: the database held " + n + " records after it was reopened, " + records
          + " before: it does not keep its records when closed (an in-memory database?)");
    }
    return new BenchRow(REOPEN, n, seconds);
  }

  private List<BenchRow> runOpen() {
    List<Record> data = generate(records);
    warmUp(data.subList(0, Math.min(data.size(), 2_000)));
    List<BenchRow> rows = new ArrayList<>();
    db.clear();
    rows.add(time("create", () -> {
      progress.start("create", singleRecords);
      for (int i = 0; i < singleRecords; i++) {
        db.create(data.get(i));
        if ((i & 255) == 0) {
          progress.at(i);
        }
      }
      return singleRecords;
    }));
    expectCount(singleRecords, "create");
    if (raw != null) {
      rows.addAll(raw.singleCreates(data, singleRecords));
    }
    for (int size : new int[] {100, 500}) {
      BenchRow rawBefore = rawSameBatches(data, size);
      db.clear();
      rows.add(time("createBatch(" + size + ")", () -> {
        progress.start("createBatch(" + size + ")", records);
        for (int from = 0; from < records; from += size) {
          db.createBatch(data.subList(from, Math.min(records, from + size)));
          progress.at(from);
        }
        return records;
      }));
      expectCount(records, "createBatch(" + size + ")");
      addSameBatches(rows, rawBefore, rawSameBatches(data, size));
    }
    BenchRow rawBefore = rawSameBatches(data, STREAM_BATCH);
    db.clear();
    rows.add(time("streamWrite", () -> {
      progress.start("streamWrite", records);
      StreamResult r = db.streamWrite(data, StreamConfig.builder().batchSize(STREAM_BATCH).build());
      if (r.successful() != records) {
        throw new IllegalStateException("streamWrite wrote " + r.successful() + " of " + records + ": " + r.errors());
      }
      return records;
    }));
    expectCount(records, "streamWrite");
    addSameBatches(rows, rawBefore, rawSameBatches(data, STREAM_BATCH));
    if (reopen) {
      rows.add(reopened());
    }
    List<String> ids = new ArrayList<>(records);
    data.forEach(r -> ids.add(r.id()));
    rows.add(time("readBatch", () -> {
      progress.start("readBatch", records);
      long found = 0;
      for (int from = 0; from < records; from += 500) {
        for (Optional<Record> r : db.readBatch(ids.subList(from, Math.min(records, from + 500)))) {
          found += r.isPresent() ? 1 : 0;
        }
        progress.at(from);
      }
      if (found != records) {
        throw new IllegalStateException("readBatch found " + found + " of " + records);
      }
      return found;
    }));
    rows.add(time("streamRead", () -> {
      progress.start("streamRead", records);
      long n = 0;
      try (java.util.stream.Stream<Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(1000).build())) {
        for (java.util.Iterator<Record> it = s.iterator(); it.hasNext(); it.next()) {
          if ((++n & 4095) == 0) {
            progress.at(n);
          }
        }
      }
      if (n != records) {
        throw new IllegalStateException("streamRead returned " + n + " of " + records);
      }
      return n;
    }));
    rows.add(time("search(limit=100)", () -> {
      progress.start("search", searches);
      long hits = 0;
      for (int i = 0; i < searches; i++) {
        hits += db.search(limitedSearch(i)).size();
        progress.at(i);
      }
      long expected = (long) searches * Math.min(100, records / CATEGORIES);
      if (hits < expected) {
        throw new IllegalStateException("search returned " + hits + " hits, expected at least " + expected);
      }
      return hits;
    }));
    rows.add(time(AGGREGATE, () -> {
      List<Record> groups = db.aggregate(Query.all().groupBy("category"), Aggregation.count(), Aggregation.sum("amount"),
          Aggregation.avg("amount"));
      long counted = groups.stream().mapToLong(g -> ((Number) g.get("count")).longValue()).sum();
      if (counted != records) {
        throw new IllegalStateException("aggregate counted " + counted + " of " + records);
      }
      return counted;
    }));
    besideTwins(rows, raw != null ? raw.pushDown(db, data, searches) : NO_BASELINE.pushDown(db, data, searches));
    if (rows.stream().noneMatch(r -> r.method().equals(IN_LIST))) {
      List<String> wanted = inListIds(data);
      long present = wanted.stream().filter(id -> id.startsWith("bench-")).count();
      rows.add(timeAgainst(IN_LIST, "raw:" + IN_LIST, () -> {
        long n = db.count(Query.all().filter("id", Operator.IN, wanted));
        if (n != present) {
          throw new IllegalStateException(IN_LIST + " counted " + n + ", expected " + present);
        }
        return n;
      }));
    }
    rows.addAll(DecoratorBench.run(db, data));
    if (raw != null) {
      rows.addAll(raw.whileStored(db, data));
    }
    progress.close();
    db.clear();
    if (raw != null) {
      // a raw row already measured over the API's own table is not replaced by one over another
      java.util.Set<String> measured = new java.util.HashSet<>();
      rows.forEach(r -> measured.add(r.method()));
      raw.run(data).stream().filter(r -> !measured.contains(r.method())).forEach(rows::add);
    }
    return linkPointTwins(rows);
  }

  /**
   * Adds the rows measured beside their twins over the API's own table (see
   * {@link StoredTableReads}); one of them named like a row measured alone before
   * ({@code search(limit=100)} on a SQL engine) takes that row's place.
   */
  private static void besideTwins(List<BenchRow> rows, List<BenchRow> measured) {
    for (BenchRow r : measured) {
      int at = -1;
      for (int i = 0; i < rows.size() && at < 0; i++) {
        at = rows.get(i).method().equals(r.method()) ? i : -1;
      }
      if (at >= 0) {
        rows.set(at, r);
      } else {
        rows.add(r);
      }
    }
  }

  /** The point-work rows measured before their raw twins existed name them now ({@code create} judged by {@code raw:create}). */
  private static List<BenchRow> linkPointTwins(List<BenchRow> rows) {
    java.util.Set<String> names = new java.util.HashSet<>();
    rows.forEach(r -> names.add(r.method()));
    List<BenchRow> out = new ArrayList<>(rows.size());
    for (BenchRow r : rows) {
      boolean point = r.method().equals("create") || r.method().equals("readBatch") || r.method().equals("search(limit=100)");
      out.add(point && r.baseline() == null && names.contains("raw:" + r.method())
          ? new BenchRow(r.method(), r.records(), r.seconds(), "raw:" + r.method()) : r);
    }
    return out;
  }

  /** @return the raw baseline's write in batches of {@code batch}, or null when it has none */
  private BenchRow rawSameBatches(List<Record> data, int batch) {
    if (raw == null || java.util.Arrays.stream(JdbcRawBaseline.BATCHES).noneMatch(b -> b == batch)) {
      return null;
    }
    return raw.sameBatches(data, batch);
  }

  /**
   * The raw row in the API row's batch size: measured right before and right after the API row,
   * and reported as the mean of the two, so a drift that both meet (a server or the shared
   * driver still warming up) cancels instead of favouring whichever runs later.
   */
  private static void addSameBatches(List<BenchRow> rows, BenchRow before, BenchRow after) {
    if (before != null && after != null) {
      rows.add(new BenchRow(after.method(), after.records(), (before.seconds() + after.seconds()) / 2));
    }
  }

  private void warmUp(List<Record> sample) {
    for (int round = 0; round < 3; round++) {
      db.clear();
      for (Record r : sample.subList(0, Math.min(200, sample.size()))) {
        db.create(r);
      }
      db.clear();
      db.createBatch(sample);
      db.readBatch(sample.stream().map(Record::id).toList());
      // the limited search is timed over a few hundred calls: compile its path first, as the
      // twin's simpler loop is by the time it runs (200 cold calls ran at 0.74x of it at 1M)
      for (int i = 0; i < 100; i++) {
        db.search(limitedSearch(i));
      }
      db.aggregate(Query.all().groupBy("category"), Aggregation.count());
      db.count(Query.all().filter("id", Operator.IN, inListIds(sample)));
      db.clear();
      db.streamWrite(sample, StreamConfig.defaults());
      // the raw baseline's code shares the driver with the backend: warming only one of them let
      // the first raw row deoptimize the driver's compiled code (about 120 deoptimizations on S3)
      // and slow down the API row after it
      if (raw != null) {
        for (int batch : JdbcRawBaseline.BATCHES) {
          raw.sameBatches(sample, batch);
        }
      }
    }
    db.clear();
  }

  /** Checked after a write row's timer stops: the raw rows' time includes no such check either. */
  private long expectCount(long expected, String phase) {
    long n = db.count();
    if (n != expected) {
      throw new IllegalStateException(phase + " left " + n + " records, expected " + expected);
    }
    return expected;
  }

  /** Stands in for a backend without raw baselines: the push-down rows run through the API alone. */
  private static final RawBaseline NO_BASELINE = data -> List.of();

  /** The grouped count, sum and avg that {@code raw:aggregate} does by hand on the raw rows' own table. */
  static final String AGGREGATE = "aggregate(groupBy)";

  /** The row timing {@code --reopen}: closing the database and opening it again. */
  static final String REOPEN = "reopen";

  /** @return the {@code i}th search of the {@code search(limit=100)} row: one category's first 100 records */
  static Query limitedSearch(int i) {
    return Query.all().filter("category", Operator.EQ, "c" + (i % CATEGORIES)).limit(100);
  }

  /** The row of a 100,000-value {@code IN}: half the stored ids (every other one), half ids that are not stored. */
  static final String IN_LIST = "count(id IN 100k)";

  /** @return the ids {@link #IN_LIST} asks for: every other stored id, then missing ids, 100,000 in all */
  static List<String> inListIds(List<Record> data) {
    List<String> ids = new ArrayList<>(100_000);
    for (int i = 0; i < data.size() && ids.size() < 50_000; i += 2) {
      ids.add(data.get(i).id());
    }
    for (int i = 0; ids.size() < 100_000; i++) {
      ids.add("absent-" + i);
    }
    return ids;
  }

  private BenchRow timeAgainst(String method, String baseline, LongSupplier work) {
    BenchRow r = time(method, work);
    return new BenchRow(r.method(), r.records(), r.seconds(), baseline);
  }

  private BenchRow time(String method, LongSupplier work) {
    long start = System.nanoTime();
    long n = work.getAsLong();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new BenchRow(method, n, seconds);
  }
}

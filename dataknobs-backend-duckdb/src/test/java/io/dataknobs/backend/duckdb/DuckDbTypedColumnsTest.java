package io.dataknobs.backend.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.JdbcDatabase;
import io.dataknobs.core.sql.JsonPath;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed columns hold what the JSON says, through every write, migration, limit and clear. */
class DuckDbTypedColumnsTest {
  private final DatabaseFactory factory = DatabaseFactory.standard();

  @TempDir
  Path dir;

  /** Values whose class, number, integer, text or hint is easy to get wrong. */
  private static final List<Object> VALUES = Arrays.asList(0L, -1L, 9_007_199_254_740_993L, Long.MIN_VALUE, Long.MAX_VALUE, 0.5, 1.0,
      1e20, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 5e-324, new BigDecimal("5"), new BigDecimal("5.0"), new BigDecimal("1E+3"),
      new BigDecimal("-9223372036854775808"), new BigDecimal("12.50"), new BigDecimal("0.1"),
      "", "text", "1", "true", "null", Instant.parse("2026-11-30T12:00:00.123456Z"), LocalDate.of(2026, 11, 30), new byte[] {0, 1, -1},
      true, false, null, List.of(1, "a"), Map.of("x", 1));

  private static Record row(int i) {
    Map<String, Object> data = new HashMap<>();
    data.put("v", VALUES.get(i % VALUES.size()));
    data.put("w", VALUES.get((i * 7 + 3) % VALUES.size()));
    if (i % 3 != 0) {
      data.put("some", i % 2 == 0 ? "even" : (Object) (long) i);
    }
    data.put("nested", Map.of("k", i));
    return Record.of("r" + i, data);
  }

  private static List<Record> rows(int from, int n) {
    List<Record> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(row(i));
    }
    return out;
  }

  private Map<String, Object> config(String path, Object... more) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("path", path);
    for (int i = 0; i < more.length; i += 2) {
      c.put((String) more[i], more[i + 1]);
    }
    return c;
  }

  /**
   * Rows whose typed columns differ from what the dialect computes from the JSON of the same
   * record in a twin database written with no typed columns (attached as {@code j}), per kept
   * field: every row is compared, missing fields included.
   */
  private static Map<String, Long> disagreements(Connection c, String twin) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    DuckDbDialect d = DuckDbDialect.INSTANCE;
    TypedColumns typed = new TypedColumns("records", 64);
    typed.open(c, false);
    FieldColumns.View view = typed.view();
    try (Statement s = c.createStatement()) {
      s.execute("ATTACH '" + twin + "' AS j (READ_ONLY)");
    }
    try {
      long rows;
      try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT count(*) FROM records t JOIN j.records r USING (id)")) {
        rs.next();
        rows = rs.getLong(1);
      }
      try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT count(*) FROM records")) {
        rs.next();
        assertThat(rs.getLong(1)).as("records with a twin").isEqualTo(rows).isPositive();
      }
      for (String field : typed.fields()) {
        JsonPath p = JsonPath.of(field);
        FieldColumns.Columns col = view.columnsOf(p);
        String rt = d.rawType("r.data", p.literal());
        String rv = d.rawValue("r.data", p.literal());
        String sql = "SELECT count(*) FROM records t JOIN j.records r USING (id) WHERE " + col.type() + " IS DISTINCT FROM "
            + d.classOf(rt, rv) + " OR " + col.number() + " IS DISTINCT FROM " + d.numberFrom(rt, rv) + " OR " + col.integral()
            + " IS DISTINCT FROM " + d.integralFrom(rt, rv) + " OR " + col.text() + " IS DISTINCT FROM " + d.textFrom(rt, rv) + " OR "
            + col.hint() + " IS DISTINCT FROM " + d.hintOf("r.data_types", field) + " OR (" + col.isNumber() + ") IS DISTINCT FROM COALESCE("
            + d.classOf(rt, rv) + " = 'n', FALSE) OR (" + col.isText() + ") IS DISTINCT FROM COALESCE(" + d.classOf(rt, rv) + " = 's', FALSE)";
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(sql)) {
          rs.next();
          out.put(field, rs.getLong(1));
        }
      }
    } finally {
      try (Statement s = c.createStatement()) {
        s.execute("DETACH j");
      }
    }
    return out;
  }

  private static Connection connect(String path) throws SQLException {
    return new DuckDBDriver().connect("jdbc:duckdb:" + path, new Properties());
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Answers that must not depend on whether a field is read from its columns or its JSON. */
  private static List<Object> answers(Database db) {
    List<Object> out = new ArrayList<>();
    out.add(db.count(Query.all().filter("v", Operator.GT, 0)));
    out.add(db.count(Query.all().filter("w", Operator.EQ, "text")));
    out.add(db.count(Query.all().filter("v", Operator.EXISTS, null)));
    out.add(db.count(Query.all().filter("some", Operator.NOT_EXISTS, null)));
    out.add(db.count(Query.all().filter("v", Operator.LIKE, "t%")));
    out.add(db.count(Query.all().filter("v", Operator.GTE, Instant.parse("2026-01-01T00:00:00Z"))));
    out.add(db.count(Query.all().filter("w", Operator.IN, List.of(1L, "1", true))));
    out.add(db.count(Query.all().filter("v", Operator.EQ, 9_007_199_254_740_993L)));
    out.add(db.search(Query.all().sort("w").sort("v").limit(40)).stream().map(Record::id).toList());
    out.add(db.aggregate(Query.all().groupBy("some"), Aggregation.count(), Aggregation.sum("v"), Aggregation.min("w"),
        Aggregation.max("v"), Aggregation.avg("w"), Aggregation.count("v")));
    out.add(db.aggregate(Query.all().filter("v", Operator.LT, 100).groupBy("w"), Aggregation.count(), Aggregation.sum("some")));
    return out;
  }

  /** Compares answer by answer, so a failure names the query. */
  private static void assertSameAnswers(List<Object> actual, List<Object> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("answer %d", i).isEqualTo(expected.get(i));
    }
  }

  /** Writes through every path: a single create, batches with and without a transaction, upserts, an update, a transaction. */
  private static void writeEveryWay(Database db) {
    db.create(row(0));
    db.createBatch(rows(1, 40)); // one Appender chunk, no transaction
    db.createBatch(rows(41, AppenderWriter.APPENDER_CHUNK + 10)); // in a transaction
    db.upsert(row(5));
    db.upsertBatch(rows(2, 60)); // through the staging table
    db.update("r7", row(19));
    try (Transaction tx = db.beginTransaction()) {
      tx.create(row(9000));
      tx.update("r8", row(23));
      tx.commit();
    }
  }

  /** @return every record, by id */
  private static Map<String, Record> all(Database db) {
    Map<String, Record> out = new java.util.TreeMap<>();
    db.search(Query.all()).forEach(r -> out.put(r.id(), r));
    try (java.util.stream.Stream<Record> stream = db.streamRead(Query.all(), io.dataknobs.api.stream.StreamConfig.builder().bufferSize(7).build())) {
      assertThat(stream.count()).isEqualTo(out.size());
    }
    return out;
  }

  /** The typed database reads back what its JSON-only twin does, and its columns say what the twin's JSON says. */
  private void assertSameAsTwin(String typed, String twin) throws SQLException {
    try (Database t = factory.open("duckdb", config(typed, "read_only", true));
        Database j = factory.open("duckdb", config(twin, "read_only", true))) {
      assertSameAnswers(answers(t), answers(j));
      Map<String, Record> expected = all(j);
      assertThat(all(t)).isEqualTo(expected);
      assertThat(t.readBatch(List.copyOf(expected.keySet()))).allSatisfy(r -> assertThat(r).isPresent())
          .extracting(r -> r.orElseThrow()).containsExactlyElementsOf(expected.values());
    }
    try (Connection c = connect(typed)) {
      assertThat(disagreements(c, twin)).isNotEmpty().allSatisfy((f, n) -> assertThat(n).isZero());
    }
  }

  private static List<String> kept(String path) throws SQLException {
    try (Connection c = connect(path)) {
      TypedColumns typed = new TypedColumns("records", 64);
      typed.open(c, false);
      return typed.fields();
    }
  }

  @Test
  void everyWritePathFillsTheColumnsAsTheJsonReads() throws SQLException {
    String typed = dir.resolve("typed.duckdb").toString();
    String twin = dir.resolve("twin.duckdb").toString();
    try (Database db = factory.open("duckdb", config(typed))) {
      writeEveryWay(db);
    }
    try (Database db = factory.open("duckdb", config(twin, "typed_fields", 0))) {
      writeEveryWay(db);
    }
    assertSameAsTwin(typed, twin);
    assertThat(kept(typed)).containsExactlyInAnyOrder("v", "w", "some", "nested");
    try (Connection c = connect(typed); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE json_exists(data, '$.some')), count(*) FILTER (WHERE json_exists(data,"
            + " '$.nested')), count(*) FILTER (WHERE json_exists(data, '$.v')), count(*) FILTER (WHERE data_types IS NOT NULL) FROM records")) {
      rs.next();
      // scalars live in their columns alone; objects, arrays and decimals stay in the JSON
      assertThat(rs.getLong(1)).isZero();
      try (Database j = factory.open("duckdb", config(twin, "read_only", true))) {
        assertThat(rs.getLong(2)).isEqualTo(j.count());
      }
      assertThat(rs.getLong(3)).isPositive();
      assertThat(rs.getLong(4)).isPositive();
    }
  }

  @Test
  void aTableOfTheEarlierLayoutStaysReadableAndIsMigratedWhenOpenedWritable() throws SQLException {
    String path = dir.resolve("earlier.duckdb").toString();
    String twin = dir.resolve("twin.duckdb").toString();
    for (String p : List.of(path, twin)) {
      try (Database db = factory.open("duckdb", config(p, "typed_fields", 0))) {
        db.createBatch(rows(0, 500));
      }
    }
    try (Connection c = connect(path)) {
      assertThat(tables(c)).containsExactly("records"); // no typed columns: the layout before them
    }
    try (Database ro = factory.open("duckdb", config(path, "read_only", true));
        Database j = factory.open("duckdb", config(twin, "read_only", true))) {
      assertSameAnswers(answers(ro), answers(j));
    }
    try (Database db = factory.open("duckdb", config(path))) {
      db.createBatch(rows(500, 10));
      db.upsertBatch(rows(0, 20));
    }
    try (Database db = factory.open("duckdb", config(twin, "typed_fields", 0))) {
      db.createBatch(rows(500, 10));
      db.upsertBatch(rows(0, 20));
    }
    assertSameAsTwin(path, twin);
  }

  @Test
  void fieldsPastTheLimitAreReadFromTheJsonAndFilledWhenRoomIsMade() throws SQLException {
    String path = dir.resolve("limit.duckdb").toString();
    String twin = dir.resolve("twin.duckdb").toString();
    try (Database db = factory.open("duckdb", config(path, "typed_fields", 1))) {
      db.createBatch(rows(0, 300));
    }
    try (Database db = factory.open("duckdb", config(twin, "typed_fields", 0))) {
      db.createBatch(rows(0, 300));
    }
    assertThat(kept(path)).hasSize(1);
    assertSameAsTwin(path, twin);
    // fields new to the columns but old in the rows: the rows holding them are filled from their JSON
    for (String p : List.of(path, twin)) {
      try (Database db = factory.open("duckdb", config(p, "typed_fields", p.equals(twin) ? 0 : 10))) {
        db.create(row(301));
      }
    }
    assertThat(kept(path)).containsExactlyInAnyOrder("v", "w", "some", "nested");
    assertSameAsTwin(path, twin);
  }

  @Test
  void clearKeepsTheColumnsAndWritesAfterItFillThem() throws SQLException {
    String path = dir.resolve("clear.duckdb").toString();
    String twin = dir.resolve("twin.duckdb").toString();
    for (String p : List.of(path, twin)) {
      try (Database db = factory.open("duckdb", config(p, "typed_fields", p.equals(twin) ? 0 : 64))) {
        db.createBatch(rows(0, 100));
        assertThat(db.clear()).isEqualTo(100);
        db.createBatch(rows(0, 50));
        db.upsertBatch(rows(25, 50));
      }
    }
    assertSameAsTwin(path, twin);
  }

  /** Record {@code i} of the concurrent test: a field of its own kind on a field shared with others, so columns keep being added. */
  private static Record growing(int i) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("i", (long) i);
    data.put("f" + (i % 40), switch (i % 4) {
      case 0 -> "s" + i;
      case 1 -> (long) i;
      case 2 -> i + 0.5;
      default -> i % 8 == 3;
    });
    return Record.of("g" + i, data);
  }

  @Test
  void readsRunningWhileColumnsAreAddedSeeEveryValue() throws Exception {
    try (Database db = factory.open("duckdb", config(dir.resolve("growing.duckdb").toString()))) {
      int n = 400;
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.ConcurrentLinkedQueue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
      Runnable reader = () -> {
        int round = 0;
        while (!done.get()) {
          List<Record> seen = switch (round++ % 3) {
            case 0 -> db.search(Query.all());
            case 1 -> {
              try (java.util.stream.Stream<Record> st = db.streamRead(Query.all(), io.dataknobs.api.stream.StreamConfig.builder().bufferSize(16).build())) {
                yield st.toList();
              }
            }
            default -> db.readBatch(java.util.stream.IntStream.range(0, n).mapToObj(i -> "g" + i).toList()).stream()
                .flatMap(java.util.Optional::stream).toList();
          };
          for (Record r : seen) {
            Record expected = growing(Integer.parseInt(r.id().substring(1)));
            if (!r.equals(expected)) {
              wrong.add(r + " instead of " + expected);
            }
          }
          long counted = db.count(Query.all().filter("i", Operator.GTE, 0));
          if (counted < seen.size()) {
            wrong.add("count " + counted + " after reading " + seen.size());
          }
        }
      };
      Thread[] readers = {new Thread(reader), new Thread(reader)};
      for (Thread t : readers) {
        t.start();
      }
      for (int i = 0; i < n; i++) {
        if (i % 10 == 0) {
          db.createBatch(java.util.stream.IntStream.range(i, i + 10).mapToObj(DuckDbTypedColumnsTest::growing).toList());
        }
      }
      done.set(true);
      for (Thread t : readers) {
        t.join();
      }
      assertThat(wrong).isEmpty();
      assertThat(db.count()).isEqualTo(n);
    }
  }

  @Test
  void aFilterOnAKeptFieldScansItsColumnNotTheJson() {
    try (Database db = factory.open("duckdb", Map.of())) {
      db.createBatch(rows(0, 100));
      List<String> plan = ((JdbcDatabase) db).explain(Query.all().filter("some", Operator.GT, 3));
      assertThat(String.join("\n", plan)).containsPattern("Filters:[^╰]*f\\d+_i AS DOUBLE\\) > 3").doesNotContain("json_extract").doesNotContain("json_type");
    }
  }

  /**
   * Grouping by a kept field that never held a hinted value (a decimal, an Instant…) leaves out
   * the per-row hint check, which cost as much as a fifth of a grouped aggregate over 1M rows;
   * grouping by a field that did keeps it. The answers themselves are compared with the JSON
   * layout's by {@link #answers}.
   */
  @Test
  void aGroupingChecksHintsOnlyForAFieldThatHeldAHintedValue() throws SQLException {
    String path = dir.resolve("hints.duckdb").toString();
    try (Database db = factory.open("duckdb", config(path))) {
      db.createBatch(rows(0, 100));
      Properties same = new Properties();
      same.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
      try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + path, same)) {
        try (Statement s = c.createStatement()) {
          s.execute("CALL enable_logging('QueryLog')");
        }
        db.aggregate(Query.all().groupBy("some"), Aggregation.count(), Aggregation.sum("v"));
        db.aggregate(Query.all().groupBy("w"), Aggregation.count());
        java.util.Set<String> logged = new java.util.LinkedHashSet<>(); // prepared and run: each logged twice
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT message FROM duckdb_logs WHERE type = 'QueryLog' AND message LIKE '%GROUP BY%'")) {
          while (rs.next()) {
            logged.add(rs.getString(1));
          }
        }
        List<String> grouped = List.copyOf(logged);
        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(0)).doesNotContain("'decimal'").doesNotContain("json_");
        assertThat(grouped.get(1)).contains("IS NOT NULL AND h0 <> 'decimal'");
      }
    }
  }

  @Test
  void theKindsAWriteAsksForAreTheKindsItsValueFills() {
    for (Object v : VALUES) {
      Map<String, Object> data = new HashMap<>();
      data.put("v", v);
      assertThat(TypedValue.kindsOf(v)).as(String.valueOf(v)).isEqualTo(TypedValue.of(data, "v").kinds());
      assertThat(TypedValue.heldExactly(v)).as(String.valueOf(v)).isEqualTo(!(v instanceof BigDecimal || v instanceof Map<?, ?> || v instanceof List<?>));
    }
  }
}

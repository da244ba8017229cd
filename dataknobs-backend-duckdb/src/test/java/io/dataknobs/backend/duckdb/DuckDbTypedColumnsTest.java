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
   * Rows whose typed columns differ from what the dialect computes from their JSON, per kept
   * field (every row is compared, missing fields included).
   */
  private static Map<String, Long> disagreements(Connection c, String table) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    DuckDbDialect d = DuckDbDialect.INSTANCE;
    TypedColumns typed = new TypedColumns(table, 64);
    typed.open(c, false);
    for (String field : typed.fields()) {
      JsonPath p = JsonPath.of(field);
      FieldColumns.Columns col = typed.columnsOf(p);
      String rt = d.rawType("data", p.literal());
      String rv = d.rawValue("data", p.literal());
      String sql = "SELECT count(*) FROM " + table + " WHERE " + col.type() + " IS DISTINCT FROM " + d.classOf(rt, rv) + " OR "
          + col.number() + " IS DISTINCT FROM " + d.numberFrom(rt, rv) + " OR " + col.integral() + " IS DISTINCT FROM "
          + d.integralFrom(rt, rv) + " OR " + col.text() + " IS DISTINCT FROM " + d.textFrom(rt, rv) + " OR " + col.hint()
          + " IS DISTINCT FROM " + d.hintOf("data_types", field);
      try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(sql)) {
        rs.next();
        out.put(field, rs.getLong(1));
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

  @Test
  void everyWritePathFillsTheColumnsAsTheJsonReads() throws SQLException {
    String path = dir.resolve("typed.duckdb").toString();
    List<Object> fromColumns;
    try (Database db = factory.open("duckdb", config(path))) {
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
      fromColumns = answers(db);
    }
    try (Connection c = connect(path)) {
      assertThat(disagreements(c, "records")).containsOnlyKeys("v", "w", "some", "nested").allSatisfy((f, n) -> assertThat(n).isZero());
    }
    try (Database json = factory.open("duckdb", config(dir.resolve("json.duckdb").toString(), "typed_fields", 0))) {
      // the same records, read from their JSON alone
      try (Database typed = factory.open("duckdb", config(path, "read_only", true))) {
        json.createBatch(typed.search(Query.all()));
      }
      assertSameAnswers(answers(json), fromColumns);
    }
  }

  @Test
  void aTableOfTheEarlierLayoutStaysReadableAndIsMigratedWhenOpenedWritable() throws SQLException {
    String path = dir.resolve("earlier.duckdb").toString();
    List<Object> before;
    try (Database db = factory.open("duckdb", config(path, "typed_fields", 0))) {
      db.createBatch(rows(0, 500));
      before = answers(db);
    }
    try (Connection c = connect(path)) {
      assertThat(tables(c)).containsExactly("records"); // no typed columns: the layout before them
    }
    try (Database ro = factory.open("duckdb", config(path, "read_only", true))) {
      assertSameAnswers(answers(ro), before);
    }
    try (Database db = factory.open("duckdb", config(path))) {
      assertSameAnswers(answers(db), before);
      db.createBatch(rows(500, 10));
    }
    try (Connection c = connect(path)) {
      assertThat(disagreements(c, "records")).containsOnlyKeys("v", "w", "some", "nested").allSatisfy((f, n) -> assertThat(n).isZero());
    }
  }

  @Test
  void fieldsPastTheLimitAreReadFromTheJsonAndFilledWhenRoomIsMade() throws SQLException {
    String path = dir.resolve("limit.duckdb").toString();
    List<Object> expected;
    try (Database db = factory.open("duckdb", config(path, "typed_fields", 1))) {
      db.createBatch(rows(0, 300));
      expected = answers(db);
    }
    try (Connection c = connect(path)) {
      assertThat(disagreements(c, "records")).hasSize(1);
    }
    try (Database db = factory.open("duckdb", config(path, "typed_fields", 10))) {
      assertSameAnswers(answers(db), expected);
      // a field new to the columns but old in the rows: the rows holding it are filled from their JSON
      db.create(row(301));
      assertThat(answers(db)).isNotEqualTo(expected); // one more record counts
      db.delete("r301");
      assertSameAnswers(answers(db), expected);
    }
    try (Connection c = connect(path)) {
      assertThat(disagreements(c, "records")).containsOnlyKeys("v", "w", "some", "nested").allSatisfy((f, n) -> assertThat(n).isZero());
    }
  }

  @Test
  void clearKeepsTheColumnsAndWritesAfterItFillThem() throws SQLException {
    String path = dir.resolve("clear.duckdb").toString();
    try (Database db = factory.open("duckdb", config(path))) {
      db.createBatch(rows(0, 100));
      assertThat(db.clear()).isEqualTo(100);
      db.createBatch(rows(0, 50));
      db.upsertBatch(rows(25, 50));
      assertThat(db.count(Query.all().filter("some", Operator.EQ, "even"))).isEqualTo(
          rows(0, 75).stream().filter(r -> "even".equals(r.get("some"))).count());
    }
    try (Connection c = connect(path)) {
      assertThat(disagreements(c, "records")).containsOnlyKeys("v", "w", "some", "nested").allSatisfy((f, n) -> assertThat(n).isZero());
    }
  }

  @Test
  void aFilterOnAKeptFieldScansItsColumnNotTheJson() {
    try (Database db = factory.open("duckdb", Map.of())) {
      db.createBatch(rows(0, 100));
      List<String> plan = ((JdbcDatabase) db).explain(Query.all().filter("some", Operator.GT, 3));
      assertThat(String.join("\n", plan)).containsPattern("Filters:[^╰]*f\\d+_i AS DOUBLE\\) > 3").doesNotContain("json");
    }
  }
}

package io.dataknobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Queries pushed down through the API beside the same work written by hand in SQL over the same
 * table ({@code raw:} twins): grouped aggregates (count, sum, avg, min, max) by one and by two
 * fields, with and without a filter, a filtered count and a filtered search. Each pair runs
 * alternately, once to warm up and then {@value #RUNS} times, or {@value #SHORT_RUNS} times when
 * the warm-up took less than {@value #SHORT_MILLIS} ms on both sides (a few milliseconds move a
 * short query's ratio by a third on a shared machine); the median of each is reported.
 */
final class PushDownBench {
  static final int RUNS = 3;
  /** Runs of a pair whose warm-up took less than {@link #SHORT_MILLIS} on both sides. */
  static final int SHORT_RUNS = 11;
  /** Below this many milliseconds a pair's warm-up marks it short. */
  static final int SHORT_MILLIS = 50;

  /**
   * How an engine spells the hand-written SQL's expressions over its table: each function gives
   * the expression for a top-level field's name.
   *
   * @param text the text of a field
   * @param number the number of a field
   * @param bool the boolean of a field
   * @param table the quoted table
   * @param rowColumns the columns besides {@code id, data, data_types} that hold a record's
   *     values (empty when the JSON holds them all)
   * @param instantIndex the position in {@link #rowSelect} of the column holding the bench's one
   *     Instant as text (0: the JSON holds it)
   * @param packed whether a row is read as one JSON array of those columns packed by the engine
   *     (the DuckDB driver's cost is per value read, so that is the fast way to read rows by hand)
   */
  record Sql(java.util.function.UnaryOperator<String> text, java.util.function.UnaryOperator<String> number,
      java.util.function.UnaryOperator<String> bool, String table, List<String> rowColumns, int instantIndex, boolean packed) {
    /** @return expressions over the table's JSON column, each pattern holding {@code %s} where the field's name goes */
    static Sql patterns(String text, String number, String bool, String table) {
      return new Sql(f -> String.format(java.util.Locale.ROOT, text, f), f -> String.format(java.util.Locale.ROOT, number, f),
          f -> String.format(java.util.Locale.ROOT, bool, f), table, List.of(), 0, false);
    }

    /** @return the select list of a whole record: id, its JSON and hints, and the columns holding the rest */
    String rowSelect() {
      String columns = rowColumns.isEmpty() ? "id, data, data_types" : "id, data, data_types, " + String.join(", ", rowColumns);
      return packed ? "json_array(" + columns.replace("data,", "CAST(data AS VARCHAR),") + ")" : columns;
    }

    /**
     * Reads one row as an application would get the API's values by hand: the id, the JSON
     * parsed, the other value columns, and the bench's Instant back from its text.
     */
    @SuppressWarnings("unchecked")
    void read(ResultSet rs, ObjectMapper json) throws SQLException {
      try {
        if (packed) {
          com.fasterxml.jackson.databind.JsonNode row = json.readTree(rs.getString(1));
          Map<String, Object> m = json.readValue(row.get(1).asText(), Map.class);
          m.computeIfPresent("created", (k, v) -> java.time.Instant.parse((String) v));
          if (instantIndex > 0 && !row.get(instantIndex - 1).isNull()) {
            java.time.Instant.parse(row.get(instantIndex - 1).asText());
          }
          return;
        }
        rs.getString(1);
        Map<String, Object> m = json.readValue(rs.getString(2), Map.class);
        m.computeIfPresent("created", (k, v) -> java.time.Instant.parse((String) v));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      rs.getString(3);
      for (int i = 4; i <= 3 + rowColumns.size(); i++) {
        Object v = rs.getObject(i);
        if (v != null && i == instantIndex) {
          java.time.Instant.parse((String) v);
        }
      }
    }

    String text(String field) {
      return text.apply(field);
    }

    String number(String field) {
      return number.apply(field);
    }

    String bool(String field) {
      return bool.apply(field);
    }
  }

  /**
   * One query: the API call and its hand-written twin, each returning the records it covered.
   * A parameter that is a {@link java.util.function.Supplier} is made anew for every run of the
   * twin (a list of ids written as the engine reads it), as the API makes its own on every call.
   */
  record Pair(String name, ToLongFunction<Database> api, String sql, Object[] params, boolean rows) {}

  private final ObjectMapper json = new ObjectMapper();

  private static List<Pair> pairs(Sql s) {
    if (s == null) {
      // no hand-written twin: the API rows alone, with a neutral spelling that is never run
      s = Sql.patterns("%s", "%s", "%s", "records");
    }
    List<Aggregation> five = List.of(Aggregation.count(), Aggregation.sum("amount"), Aggregation.avg("amount"),
        Aggregation.min("amount"), Aggregation.max("amount"));
    String amount = s.number("amount");
    String fns = "count(*), sum(" + amount + "), avg(" + amount + "), min(" + amount + "), max(" + amount + ")";
    String category = s.text("category");
    String active = s.bool("active");
    String quantity = s.number("quantity");
    return List.of(
        new Pair("aggregate(by 1)", db -> counted(db.aggregate(Query.all().groupBy("category"), five.toArray(Aggregation[]::new))),
            "SELECT " + category + ", " + fns + " FROM " + s.table() + " GROUP BY 1", new Object[0], false),
        new Pair("aggregate(by 2)", db -> counted(db.aggregate(Query.all().groupBy("category", "active"),
            five.toArray(Aggregation[]::new))),
            "SELECT " + category + ", " + active + ", " + fns + " FROM " + s.table() + " GROUP BY 1, 2", new Object[0], false),
        new Pair("aggregate(filtered)", db -> counted(db.aggregate(Query.all().filter("quantity", Operator.GTE, 50).groupBy("category"),
            five.toArray(Aggregation[]::new))),
            "SELECT " + category + ", " + fns + " FROM " + s.table() + " WHERE " + quantity + " >= ? GROUP BY 1", new Object[] {50}, false),
        new Pair("count(filtered)", db -> db.count(Query.all().filter("category", Operator.EQ, "c3").filter("quantity", Operator.GTE, 50)),
            "SELECT count(*) FROM " + s.table() + " WHERE " + category + " = ? AND " + quantity + " >= ?", new Object[] {"c3", 50}, false),
        new Pair("search(filtered)", db -> db.search(Query.all().filter("amount", Operator.GTE, 99.0)).size(),
            "SELECT " + s.rowSelect() + " FROM " + s.table() + " WHERE " + amount + " >= ?", new Object[] {99.0}, true));
  }

  private static long counted(List<Record> groups) {
    return groups.stream().mapToLong(g -> ((Number) g.get("count")).longValue()).sum();
  }

  /**
   * @param db the database under test, holding the bench's records
   * @param connection a connection to the same table, or null when the database cannot be
   *     reached from outside (an in-memory embedded database): the API rows are then printed alone
   * @param sql the engine's expressions (null without a connection)
   * @return the API rows, each naming its raw twin, and the twins
   */
  List<BenchRow> run(Database db, Connection connection, Sql sql) throws SQLException {
    return run(db, connection, sql, pairs(sql));
  }

  /** Runs {@code pairs} as {@link #run(Database, Connection, Sql)} runs the push-down pairs. */
  List<BenchRow> run(Database db, Connection connection, Sql sql, List<Pair> pairs) throws SQLException {
    List<BenchRow> out = new ArrayList<>();
    for (Pair p : pairs) {
      long start = System.nanoTime();
      long apiCount = p.api().applyAsLong(db);
      double warmApi = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      long rawCount = connection == null ? apiCount : raw(connection, p, sql);
      double warmRaw = (System.nanoTime() - start) / 1e9;
      int runs = Math.max(warmApi, warmRaw) * 1000 < SHORT_MILLIS ? SHORT_RUNS : RUNS;
      double[] api = new double[runs];
      double[] raw = new double[runs];
      if (apiCount != rawCount) {
        throw new IllegalStateException(p.name() + " covered " + apiCount + " records through the API but " + rawCount
            + " by hand-written SQL");
      }
      for (int i = 0; i < runs; i++) {
        start = System.nanoTime();
        p.api().applyAsLong(db);
        api[i] = (System.nanoTime() - start) / 1e9;
        if (connection != null) {
          start = System.nanoTime();
          raw(connection, p, sql);
          raw[i] = (System.nanoTime() - start) / 1e9;
        }
      }
      out.add(new BenchRow(p.name(), apiCount, median(api), connection == null ? null : "raw:" + p.name()));
      if (connection != null) {
        out.add(new BenchRow("raw:" + p.name(), rawCount, median(raw)));
      }
    }
    return out;
  }

  /** Runs the twin: aggregates sum their counts, a search parses each row's JSON as an application would. */
  private long raw(Connection c, Pair p, Sql sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(p.sql())) {
      for (int i = 0; i < p.params().length; i++) {
        Object v = p.params()[i];
        ps.setObject(i + 1, v instanceof java.util.function.Supplier<?> made ? made.get() : v);
      }
      long n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        int countColumn = rs.getMetaData().getColumnCount() - 4;
        while (rs.next()) {
          if (p.rows()) {
            sql.read(rs, json);
            n++;
          } else {
            n += p.name().startsWith("count") ? rs.getLong(1) : rs.getLong(countColumn);
          }
        }
      }
      return n;
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}

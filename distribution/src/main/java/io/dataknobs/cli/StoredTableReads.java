package io.dataknobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw rows written by hand over the API's own table, reached through the engine's
 * {@link JdbcRawBaseline#connectStored connection to it}: the push-down twins, the aggregate over
 * natively typed columns, and the point reads.
 */
final class StoredTableReads {
  private final JdbcRawBaseline engine;
  private final ObjectMapper json = new ObjectMapper();

  StoredTableReads(JdbcRawBaseline engine) {
    this.engine = engine;
  }

  /**
   * The push-down rows, then the point work by hand on the same table: {@code raw:readBatch}
   * (every id, 500 per statement, as one list parameter, each row's JSON parsed) and
   * {@code raw:search(limit=100)} (the same equality and limit, rows parsed) measured in turns
   * with the API's {@code search(limit=100)}, which replaces the bench's row measured alone, and
   * {@code raw:count(id IN 100k)} beside the API's {@code count(id IN 100k)} as a push-down pair.
   */
  List<BenchRow> run(io.dataknobs.api.Database db, List<Record> data, int searches) {
    try (Connection c = engine.connectStored()) {
      PushDownBench.Sql sql = engine.handSql(c, engine.tableUnderTest());
      List<BenchRow> out = new ArrayList<>(new PushDownBench().run(db, c, sql));
      if (c != null && engine.nativeCopy(sql) != null) {
        out.add(nativeAggregate(c, engine.nativeCopy(sql)));
      }
      if (c != null) {
        out.add(rawReadBatch(c, sql, data));
        out.addAll(limitedSearches(db, c, sql, searches, data.size()));
        out.addAll(idListCounts(db, c, sql, data));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("hand-written SQL failed: " + e.getMessage(), e);
    }
  }

  /**
   * {@code native:aggregate(by 1)}: the grouped aggregate of {@code aggregate(by 1)} written by
   * hand over natively typed columns holding the same values, the engine's own limit (median of
   * three after a warm-up; the copy is not timed).
   */
  private static BenchRow nativeAggregate(Connection c, String copy) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      s.execute(copy);
      String sql = "SELECT category, count(*), sum(amount), avg(amount), min(amount), max(amount) FROM bench_native GROUP BY 1";
      double[] times = new double[PushDownBench.RUNS];
      long covered = 0;
      for (int run = -1; run < times.length; run++) {
        long start = System.nanoTime();
        covered = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            covered += rs.getLong(2);
          }
        }
        if (run >= 0) {
          times[run] = (System.nanoTime() - start) / 1e9;
        }
      }
      s.execute("DROP TABLE bench_native");
      java.util.Arrays.sort(times);
      return new BenchRow("native:aggregate(by 1)", covered, times[times.length / 2]);
    }
  }

  private BenchRow rawReadBatch(Connection c, PushDownBench.Sql sql, List<Record> data) throws SQLException {
    long start = System.nanoTime();
    long found = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.rowSelect() + " FROM " + sql.table() + " WHERE " + engine.idListCondition())) {
      for (int from = 0; from < data.size(); from += 500) {
        List<String> ids = new ArrayList<>(500);
        data.subList(from, Math.min(data.size(), from + 500)).forEach(r -> ids.add(r.id()));
        ps.setObject(1, engine.idList(ids));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sql.read(rs, json);
            found++;
          }
        }
      }
    }
    if (found != data.size()) {
      throw new IllegalStateException("raw:readBatch found " + found + " of " + data.size());
    }
    return new BenchRow("raw:readBatch", found, (System.nanoTime() - start) / 1e9);
  }

  /**
   * {@code count(id IN 100k)} and {@code raw:count(id IN 100k)} over the same table: the API's
   * count of 100,000 ids beside the engine's best hand-written test for one bound list of them
   * ({@link JdbcRawBaseline#idListCondition}), run as a push-down pair. The twin writes its list
   * on every run, as {@code raw:count(id IN 100k)} does and the API does on every call.
   */
  private List<BenchRow> idListCounts(io.dataknobs.api.Database db, Connection c, PushDownBench.Sql sql, List<Record> data)
      throws SQLException {
    List<String> ids = Bench.inListIds(data);
    io.dataknobs.api.query.Query query = io.dataknobs.api.query.Query.all().filter("id", io.dataknobs.api.query.Operator.IN, ids);
    java.util.function.Supplier<Object> idList = () -> {
      try {
        return engine.idList(ids);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
    return new PushDownBench().run(db, c, sql, List.of(new PushDownBench.Pair(Bench.IN_LIST, d -> d.count(query),
        engine.countInSql(sql.table()), new Object[] {idList}, false)));
  }

  /** Turns of {@link #limitedSearches}. */
  static final int TURNS = 5;

  /**
   * {@code search(limit=100)} and {@code raw:search(limit=100)}: the same equality and limit
   * through the API and by hand, in {@value #TURNS} turns of a fifth of the searches each, the
   * API first in odd turns and the twin first in even ones, so both meet the engine, the shared
   * driver and the JIT in the same state (timed apart, the API row ran first and partly cold:
   * 0.66x and 0.91x of the twin in two runs at 1M, 0.9x in a steady loop). Each row is the sum of
   * its turns.
   */
  private List<BenchRow> limitedSearches(io.dataknobs.api.Database db, Connection c, PushDownBench.Sql sql, int searches, int records)
      throws SQLException {
    long apiNanos = 0;
    long rawNanos = 0;
    long apiHits = 0;
    long rawHits = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.rowSelect() + " FROM " + sql.table() + " WHERE " + sql.text("category")
        + " = ? LIMIT 100")) {
      for (int turn = 0; turn < TURNS; turn++) {
        int from = searches * turn / TURNS;
        int to = searches * (turn + 1) / TURNS;
        for (int side = 0; side < 2; side++) {
          long start = System.nanoTime();
          if ((side == 0) == (turn % 2 == 0)) {
            for (int i = from; i < to; i++) {
              apiHits += db.search(Bench.limitedSearch(i)).size();
            }
            apiNanos += System.nanoTime() - start;
          } else {
            for (int i = from; i < to; i++) {
              ps.setString(1, "c" + (i % Bench.CATEGORIES));
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  sql.read(rs, json);
                  rawHits++;
                }
              }
            }
            rawNanos += System.nanoTime() - start;
          }
        }
      }
    }
    long expected = (long) searches * Math.min(100, records / Bench.CATEGORIES);
    if (apiHits < expected || rawHits < expected) {
      throw new IllegalStateException("search returned " + apiHits + " hits through the API and " + rawHits + " by hand, expected at least "
          + expected);
    }
    return List.of(new BenchRow("search(limit=100)", apiHits, apiNanos / 1e9, "raw:search(limit=100)"),
        new BenchRow("raw:search(limit=100)", rawHits, rawNanos / 1e9));
  }
}

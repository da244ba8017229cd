package io.dataknobs.backend.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.testservers.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the dialect's aggregate statements rely on the planner for, checked on the real server:
 * a derived table that extracts each value once and still runs on parallel workers, and grouped
 * aggregates that hash their groups although the planner cannot count them. A server that
 * plans otherwise runs aggregates at half the rate of SQL written by hand.
 */
class PostgresAggregatePlanTest {
  private static final String SCHEMA = PostgresServer.shared().freshSchema("pgplan");
  private static final String TABLE = SCHEMA + ".t";
  private static final PostgresDialect D = PostgresDialect.INSTANCE;

  @BeforeAll
  static void table() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute("CREATE TABLE " + TABLE + " (data_jsonb jsonb)");
      s.execute("INSERT INTO " + TABLE + " SELECT jsonb_build_object('category', 'c' || (i % 20), 'amount', i / 10.0)"
          + " FROM generate_series(1, 20000) i");
      s.execute("ANALYZE " + TABLE);
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }
  }

  private static Connection connect() throws SQLException {
    return PostgresConnections.dataSource(PostgresServer.shared().config()).getConnection();
  }

  /** The shape of the aggregation's statement: values extracted once per row, derived from them once, grouped. */
  private static String grouped() {
    String raw = D.derivedTable("jsonb_typeof(data_jsonb -> 'category') AS rt, data_jsonb ->> 'category' AS rv,"
        + " data_jsonb ->> 'amount' AS ra", TABLE + " WHERE TRUE");
    String derived = D.derivedTable("(CASE WHEN rt = 'string' THEN rv END) AS s, (CASE WHEN rt = 'number' THEN CAST(rv AS double precision) END) AS n,"
        + " rt AS t, CAST(ra AS double precision) AS a", "(" + raw + ") AS r");
    return "SELECT t, min(s), count(*), sum(a), avg(a), min(a), max(a) FROM (" + derived + ") AS x GROUP BY t, n, s";
  }

  private static String plan(Statement s, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void derivedTablesExtractEachValueOnceOnParallelWorkers() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      // a small table, so parallel plans are made as cheap as they are for a large one
      s.execute("SET parallel_setup_cost = 0");
      s.execute("SET parallel_tuple_cost = 0");
      s.execute("SET min_parallel_table_scan_size = 0");
      s.execute("SET max_parallel_workers_per_gather = 2");
      String plan = plan(s, "VERBOSE " + grouped());
      assertThat(plan).as(plan).contains("Gather", "Parallel Seq Scan");
      // the values are taken out of the JSON by the scan; the nodes above it read its columns
      String[] lines = plan.split("\n");
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].contains("data_jsonb ->")) {
          assertThat(lines[i - 1]).as(plan).containsAnyOf("Seq Scan", "Gather");
        }
      }
      assertThat(plan).as(plan).contains("r.ra");
    }
  }

  @Test
  void groupedAggregatesHashTheirGroupsInTheirTransaction() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      // with the server's defaults the planner guesses a tenth of the rows are groups and sorts
      s.execute("SET work_mem = '64kB'");
      assertThat(plan(s, grouped())).contains("Sort");
      c.setAutoCommit(false);
      for (String setting : D.groupingSettings()) {
        s.execute(setting);
      }
      String plan = plan(s, grouped());
      assertThat(plan).as(plan).contains("HashAggregate").doesNotContain("Sort");
      c.rollback();
      c.setAutoCommit(true);
      assertThat(plan(s, grouped())).as("the settings end with their transaction").contains("Sort");
    }
  }

  @Test
  void hashTablesMayGrowInTheAggregatesTransactionOnly() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SET hash_mem_multiplier = 2");
      c.setAutoCommit(false);
      for (String setting : D.groupingSettings()) {
        s.execute(setting);
      }
      assertThat(show(s, "hash_mem_multiplier")).isEqualTo("8");
      c.rollback();
      assertThat(show(s, "hash_mem_multiplier")).as("back after the transaction").isEqualTo("2");
      s.execute("SET hash_mem_multiplier = 16");
      for (String setting : D.groupingSettings()) {
        s.execute(setting);
      }
      assertThat(show(s, "hash_mem_multiplier")).as("a larger setting is kept").isEqualTo("16");
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

package io.dataknobs.backend.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.core.base.EngineFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's own errors, raised for real, sorted by what the caller can do about them. */
class DuckDbErrorsTest {
  @TempDir
  Path dir;

  private static SQLException raise(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no error from: " + sql);
  }

  @Test
  void valuesAndPatternsTheEngineRefusesAreBadInput() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String sql : new String[] {"SELECT CAST('x' AS INTEGER)", "SELECT regexp_matches('a', 'a{1,99999}')",
          "SELECT CAST(1e300 AS INTEGER)"}) {
        SQLException e = raise(c, sql);
        assertThat(DuckDbDialect.INSTANCE.classify(e)).as(sql + " -> " + e.getMessage()).isEqualTo(EngineFailure.BAD_INPUT);
      }
      SQLException missing = raise(c, "SELECT * FROM nowhere");
      assertThat(DuckDbDialect.INSTANCE.classify(missing)).as(missing.getMessage()).isEqualTo(EngineFailure.FAILURE);
    }
  }

  @Test
  void aWriteWriteConflictIsTransient() throws Exception {
    try (Connection a = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("c.duckdb"))) {
      a.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
      a.createStatement().execute("INSERT INTO t VALUES (1, 0)");
      try (Connection b = ((org.duckdb.DuckDBConnection) a).duplicate()) {
        a.setAutoCommit(false);
        b.setAutoCommit(false);
        a.createStatement().execute("UPDATE t SET v = 1 WHERE id = 1");
        SQLException conflict;
        try {
          b.createStatement().execute("UPDATE t SET v = 2 WHERE id = 1");
          a.commit();
          conflict = assertCommitFails(b);
        } catch (SQLException e) {
          conflict = e;
        }
        assertThat(DuckDbDialect.INSTANCE.classify(conflict)).as(conflict.getMessage()).isEqualTo(EngineFailure.TRANSIENT);
      }
    }
  }

  private static SQLException assertCommitFails(Connection b) {
    try {
      b.commit();
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("the second writer committed");
  }
}

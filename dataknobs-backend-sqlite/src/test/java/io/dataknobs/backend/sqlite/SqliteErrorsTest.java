package io.dataknobs.backend.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.BackendFailureException;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.QueryException;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.base.EngineFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's own errors, raised for real, sorted by what the caller can do about them. */
class SqliteErrorsTest {
  @TempDir
  Path dir;

  private static SQLException raise(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no error from: " + sql.substring(0, Math.min(80, sql.length())));
  }

  @Test
  void aLockedDatabaseIsTransient() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("busy.db");
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
      a.createStatement().execute("CREATE TABLE t (x)");
      a.createStatement().execute("BEGIN IMMEDIATE");
      b.createStatement().execute("PRAGMA busy_timeout = 0");
      SQLException busy = raise(b, "BEGIN IMMEDIATE");
      assertThat(SqliteDialect.INSTANCE.classify(busy)).as(busy.getMessage()).isEqualTo(EngineFailure.TRANSIENT);
    }
  }

  @Test
  void statementsBeyondSqlitesLimitsAreBadInput() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      SQLException deep = raise(c, "SELECT 1" + " + 1".repeat(1_100));
      assertThat(SqliteDialect.INSTANCE.classify(deep)).as(deep.getMessage()).isEqualTo(EngineFailure.BAD_INPUT);
      c.createStatement().execute("CREATE TABLE t (x PRIMARY KEY)");
      c.createStatement().execute("INSERT INTO t VALUES (1)");
      SQLException constraint = raise(c, "INSERT INTO t VALUES (1)");
      assertThat(SqliteDialect.INSTANCE.classify(constraint)).isEqualTo(EngineFailure.BAD_INPUT);
      SQLException missing = raise(c, "SELECT * FROM nowhere");
      assertThat(SqliteDialect.INSTANCE.classify(missing)).as(missing.getMessage()).isEqualTo(EngineFailure.FAILURE);
    }
  }

  @Test
  void throughTheDatabaseTheTypesFollowTheClassification() {
    Path file = dir.resolve("typed.db");
    DatabaseFactory factory = new DatabaseFactory(new SqliteBackendProvider());
    try (Database db = factory.open("sqlite", Map.of("path", file.toString(), "table", "records"))) {
      db.create(io.dataknobs.api.Record.of("a", Map.of("n", 1)));
      // another writer holds the lock past the busy timeout: transient
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        other.createStatement().execute("BEGIN EXCLUSIVE");
        try (Database locked = factory.open("sqlite", Map.of("path", file.toString(), "table", "records", "timeout", "50ms"))) {
          assertThatThrownBy(() -> locked.create(io.dataknobs.api.Record.of("b", Map.of("n", 2))))
              .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("transient")
              .hasCauseInstanceOf(SQLException.class);
        }
        other.createStatement().execute("ROLLBACK");
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(new QueryException("x")).isNotInstanceOf(BackendUnavailableException.class);
    assertThat(new BackendFailureException("x", null)).isNotInstanceOf(BackendUnavailableException.class);
  }
}

package io.dataknobs.backend.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.core.base.EngineFailure;
import io.dataknobs.testservers.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** PostgreSQL's own errors, raised for real, sorted by their SQLState classes. */
class PostgresErrorsTest {
  private static Connection connect() throws SQLException {
    Map<String, Object> cfg = PostgresServer.shared().config();
    Properties p = new Properties();
    if (cfg.get("user") != null) {
      p.setProperty("user", String.valueOf(cfg.get("user")));
    }
    if (cfg.get("password") != null) {
      p.setProperty("password", String.valueOf(cfg.get("password")));
    }
    return DriverManager.getConnection(String.valueOf(cfg.get("url")), p);
  }

  private static SQLException raise(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no error from: " + sql);
  }

  private static EngineFailure kind(SQLException e) {
    return PostgresDialect.INSTANCE.classify(e);
  }

  @Test
  void badValuesPatternsAndLimitsAreBadInput() throws Exception {
    try (Connection c = connect()) {
      for (String sql : new String[] {"SELECT 'a' ~ 'a{1,99999}'", "SELECT 1/0", "SELECT CAST('x' AS integer)",
          "SELECT E'a\\\\x00b'::text || chr(0)"}) {
        SQLException e = raise(c, sql);
        assertThat(kind(e)).as(sql + " -> " + e.getSQLState() + " " + e.getMessage()).isEqualTo(EngineFailure.BAD_INPUT);
      }
      SQLException missing = raise(c, "SELECT * FROM nowhere_at_all");
      assertThat(kind(missing)).as(missing.getSQLState()).isEqualTo(EngineFailure.FAILURE);
    }
  }

  @Test
  void timeoutsShutdownsAndLostConnectionsAreTransient() throws Exception {
    try (Connection c = connect()) {
      c.createStatement().execute("SET statement_timeout = 50");
      SQLException timeout = raise(c, "SELECT pg_sleep(2)");
      assertThat(kind(timeout)).as(timeout.getSQLState()).isEqualTo(EngineFailure.TRANSIENT);
    }
    try (Connection victim = connect(); Connection killer = connect()) {
      int pid;
      try (var rs = victim.createStatement().executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      killer.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");
      SQLException terminated = raise(victim, "SELECT 1");
      assertThat(kind(terminated)).as(terminated.getSQLState() + " " + terminated.getMessage()).isEqualTo(EngineFailure.TRANSIENT);
    }
    SQLException refused;
    try {
      DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2", "u", "p").close();
      throw new AssertionError("port 1 answered");
    } catch (SQLException e) {
      refused = e;
    }
    assertThat(kind(refused)).as(refused.getSQLState()).isEqualTo(EngineFailure.TRANSIENT);
  }

  @Test
  void anUnreachableServerIsBackendUnavailableThroughTheFactory() {
    assertThatThrownBy(() -> PostgresTckTest.FACTORY.open("postgres",
        Map.of("url", "jdbc:postgresql://127.0.0.1:1/x", "user", "u", "password", "secret-pw", "connection_timeout", "1s")))
        .isInstanceOf(BackendUnavailableException.class).hasMessageNotContaining("secret-pw");
  }
}

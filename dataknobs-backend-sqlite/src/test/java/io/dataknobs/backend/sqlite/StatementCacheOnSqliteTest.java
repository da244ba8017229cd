package io.dataknobs.backend.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.core.sql.StatementCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;

/** The kit's statement cache on a real SQLite connection. */
class StatementCacheOnSqliteTest {
  private static long one(StatementCache cache, Connection c, String sql, AtomicReference<PreparedStatement> lent) throws SQLException {
    return cache.run(c, sql, ps -> {
      lent.set(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void lendsOneStatementPerConnectionAndSqlAndForgetsOneThatFailed() throws Exception {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (v INTEGER)");
        s.execute("INSERT INTO t VALUES (9223372036854775807), (1)");
      }
      StatementCache cache = StatementCache.perConnection(2);
      AtomicReference<PreparedStatement> first = new AtomicReference<>();
      AtomicReference<PreparedStatement> again = new AtomicReference<>();
      assertThat(one(cache, c, "SELECT count(*) FROM t", first)).isEqualTo(2);
      assertThat(one(cache, c, "SELECT count(*) FROM t", again)).isEqualTo(2);
      assertThat(again.get()).as("prepared once, lent again").isSameAs(first.get());

      // SQLite's integer sum overflows while the statement steps: the statement is not lent again
      AtomicReference<PreparedStatement> failed = new AtomicReference<>();
      assertThatThrownBy(() -> one(cache, c, "SELECT sum(v) FROM t", failed)).isInstanceOf(SQLException.class)
          .hasMessageContaining("overflow");
      assertThat(failed.get().isClosed()).isTrue();
      AtomicReference<PreparedStatement> fresh = new AtomicReference<>();
      assertThat(one(cache, c, "SELECT count(*) FROM t WHERE v = 1", fresh)).isEqualTo(1);

      // capacity 2: the least recently used statement is closed to make room
      one(cache, c, "SELECT 3", new AtomicReference<>());
      assertThat(first.get().isClosed()).as("evicted beyond capacity").isTrue();
      cache.forget(c);
      assertThat(fresh.get().isClosed()).as("forgotten with its connection").isTrue();
    }
  }
}

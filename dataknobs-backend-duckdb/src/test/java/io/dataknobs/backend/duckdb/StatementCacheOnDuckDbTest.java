package io.dataknobs.backend.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.core.sql.StatementCache;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's statement cache after the table is replaced: DuckDB plans a statement prepared before
 * a DROP and CREATE again on every run for as long as it is kept, so a clear (which replaces the
 * table on DuckDB) marks every kept statement stale and each connection prepares anew.
 */
class StatementCacheOnDuckDbTest {
  @TempDir
  Path dir;

  private static long count(StatementCache cache, Connection c, AtomicReference<PreparedStatement> lent) throws SQLException {
    return cache.run(c, "SELECT count(*) FROM t", ps -> {
      lent.set(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void aStatementPreparedBeforeTheTableWasReplacedIsNotLentAgainOnAnyConnection() throws Exception {
    String url = "jdbc:duckdb:" + dir.resolve("cache.duckdb");
    try (Connection writer = new DuckDBDriver().connect(url, new Properties());
        Connection reader = new DuckDBDriver().connect(url, new Properties())) {
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE t (v INTEGER)");
        s.execute("INSERT INTO t VALUES (1), (2)");
      }
      StatementCache cache = StatementCache.perConnection(8);
      AtomicReference<PreparedStatement> writerBefore = new AtomicReference<>();
      AtomicReference<PreparedStatement> readerBefore = new AtomicReference<>();
      assertThat(count(cache, writer, writerBefore)).isEqualTo(2);
      assertThat(count(cache, reader, readerBefore)).isEqualTo(2);

      try (Statement s = writer.createStatement()) {
        s.execute("DROP TABLE t");
        s.execute("CREATE TABLE t (v INTEGER)");
        s.execute("INSERT INTO t VALUES (3)");
      }
      cache.invalidate();

      AtomicReference<PreparedStatement> writerAfter = new AtomicReference<>();
      assertThat(count(cache, writer, writerAfter)).isEqualTo(1);
      assertThat(writerAfter.get()).as("prepared again after the table changed").isNotSameAs(writerBefore.get());
      assertThat(writerBefore.get().isClosed()).isTrue();
      assertThat(readerBefore.get().isClosed()).as("another connection's statement is closed by the thread using it, on its next run")
          .isFalse();

      AtomicReference<PreparedStatement> readerAfter = new AtomicReference<>();
      assertThat(count(cache, reader, readerAfter)).isEqualTo(1);
      assertThat(readerAfter.get()).isNotSameAs(readerBefore.get());
      assertThat(readerBefore.get().isClosed()).isTrue();

      AtomicReference<PreparedStatement> readerAgain = new AtomicReference<>();
      count(cache, reader, readerAgain);
      assertThat(readerAgain.get()).as("kept again until the next change").isSameAs(readerAfter.get());
      cache.forget(writer);
      cache.forget(reader);
    }
  }
}

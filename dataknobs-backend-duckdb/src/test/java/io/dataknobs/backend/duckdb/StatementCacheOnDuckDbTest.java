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

  /**
   * Through the backend: after a clear (DuckDB replaces the table) and after a write added typed
   * columns, the next run of a statement kept from before prepares it again, and the runs after
   * that reuse it.
   */
  @Test
  void theDatabasePreparesItsStatementsAgainAfterAClearAndAfterAddedColumns() {
    try (io.dataknobs.api.Database db = io.dataknobs.core.DatabaseFactory.standard().open("duckdb",
        java.util.Map.of("path", dir.resolve("db.duckdb").toString()))) {
      assertThat(db).isInstanceOf(DuckDbDatabase.class);
      StatementCache statements = ((DuckDbDatabase) db).statements();
      db.create(io.dataknobs.api.Record.builder().id("a").put("n", 1L).build());
      db.count();
      db.create(io.dataknobs.api.Record.builder().id("b").put("n", 2L).build());
      db.count();
      long kept = statements.prepared();
      db.create(io.dataknobs.api.Record.builder().id("c").put("n", 3L).build());
      assertThat(db.count()).isEqualTo(3);
      assertThat(statements.prepared()).as("a create and a count of the same shape reuse their statements").isEqualTo(kept);

      db.clear();
      long cleared = statements.prepared();
      assertThat(db.count()).isZero();
      assertThat(statements.prepared()).as("the count kept from before the clear is prepared again").isEqualTo(cleared + 1);
      db.count();
      assertThat(statements.prepared()).as("and kept again").isEqualTo(cleared + 1);

      db.create(io.dataknobs.api.Record.builder().id("d").put("n", 4L).build());
      db.count();
      long before = statements.prepared();
      db.create(io.dataknobs.api.Record.builder().id("e").put("n", 5L).put("text", "new field").build());
      long added = statements.prepared();
      assertThat(added).as("a new field's columns mean a new insert").isGreaterThan(before);
      assertThat(db.count()).isEqualTo(2);
      assertThat(statements.prepared()).as("the count kept from before the columns were added is prepared again").isEqualTo(added + 1);
      assertThat(db.read("e")).hasValueSatisfying(r -> assertThat(r.get("text")).isEqualTo("new field"));
    }
  }
}

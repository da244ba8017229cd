package io.dataknobs.backend.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet files: what one written elsewhere reads as, what other tools see in one written here, bad files. */
class ParquetFileTest {
  @TempDir
  Path dir;

  /** Runs statements in a DuckDB of the test's own, as another tool would. */
  static void duckdb(String... sql) throws SQLException {
    try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private static Map<String, String> columnTypes(Path file) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  @Test
  void aParquetFileWrittenElsewhereReadsAsItsColumnTypes() throws Exception {
    Path f = dir.resolve("orders.parquet");
    duckdb("CREATE TABLE o (id VARCHAR, zip VARCHAR, qty INTEGER, amount DECIMAL(10,2), price DOUBLE, paid BOOLEAN, day DATE,"
        + " stamp TIMESTAMPTZ, tags VARCHAR[], dims STRUCT(w INTEGER, h INTEGER), raw BLOB, big DECIMAL(38,0))",
        "SET TimeZone = 'UTC'",
        "INSERT INTO o VALUES ('o1', '01234', 3, 12.50, 0.5, true, DATE '2024-01-02', TIMESTAMPTZ '2024-01-02 03:04:05.123456+00',"
            + " ['a', 'b'], {'w': 2, 'h': 3}, '\\x01\\x02'::BLOB, 12345678901234567890123456789012345678),"
            + " ('o2', NULL, NULL, 7.00, 1e300, false, NULL, NULL, [], NULL, NULL, 1)",
        "COPY o TO '" + f + "' (FORMAT parquet)");
    long modified = Files.getLastModifiedTime(f).toMillis();
    try (Database db = FileTckTest.openFile(f, "read_only", true)) {
      List<Record> all = db.search(Query.all());
      assertThat(all).extracting(Record::id).containsExactly("o1", "o2");
      Map<String, Object> o1 = all.get(0).data();
      assertThat(o1).containsEntry("zip", "01234").containsEntry("qty", 3L).containsEntry("amount", new BigDecimal("12.50"))
          .containsEntry("price", 0.5).containsEntry("paid", true).containsEntry("day", LocalDate.of(2024, 1, 2))
          .containsEntry("stamp", Instant.parse("2024-01-02T03:04:05.123456Z")).containsEntry("tags", List.of("a", "b"))
          .containsEntry("dims", Map.of("w", 2L, "h", 3L))
          .as("a decimal no record holds exactly is kept as its text").containsEntry("big", "12345678901234567890123456789012345678");
      assertThat((byte[]) o1.get("raw")).containsExactly(1, 2);
      assertThat(all.get(1).data()).doesNotContainKeys("zip", "qty", "day", "stamp", "dims", "raw").containsEntry("price", 1e300)
          .containsEntry("tags", List.of());
      assertThat(db.read("o2")).get().satisfies(r -> assertThat(r.data()).containsEntry("amount", new BigDecimal("7.00")));
      assertThat(db.count(Query.all().filter("paid", Operator.EQ, true))).isEqualTo(1);
    }
    assertThat(Files.getLastModifiedTime(f).toMillis()).as("read_only never touches the file").isEqualTo(modified);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void rowsWithoutAnIdAreNumberedAndDeclaredColumnsOverrideTheFile() throws Exception {
    Path f = dir.resolve("plain.parquet");
    duckdb("COPY (SELECT i AS code, 'n' || i AS name FROM range(3) t(i)) TO '" + f + "' (FORMAT parquet)");
    try (Database db = FileTckTest.openFile(f, "read_only", true, "columns", Map.of("code", "string"))) {
      assertThat(db.search(Query.all())).extracting(Record::id).containsExactly("row-1", "row-2", "row-3");
      assertThat(db.read("row-2")).get().satisfies(r -> assertThat(r.data()).containsEntry("code", "1").containsEntry("name", "n1"));
    }
  }

  @Test
  void aFileWrittenHereHasATypedColumnPerFieldThatOtherToolsRead() throws Exception {
    Path f = dir.resolve("out.parquet");
    Instant at = Instant.parse("2024-01-02T03:04:05.123456789Z");
    Record tricky = Record.builder().id("t").put("amount", 5L).put("price", 2.5).put("name", "12").put("tags", List.of("x"))
        .put("mixed", 1L).put("when", at).put("dec", new BigDecimal("1.50")).put("nil", null).put("empty", "")
        .metadata("source", "test").build();
    try (Database db = FileTckTest.openFile(f)) {
      db.create(Record.builder().id("a").put("amount", 7L).put("price", 1.0).put("name", "ann").put("tags", List.of()).put("mixed", "x")
          .put("when", at).build());
      db.create(tricky);
      db.create(Record.builder().id("n").put("amount", -1L).put("price", Double.NaN).put("name", "").build());
    }
    assertThat(Files.exists(dir.resolve("out.parquet.journal"))).as("compacted on close").isFalse();
    assertThat(columnTypes(f)).containsEntry("amount", "BIGINT").containsEntry("price", "DOUBLE").containsEntry("name", "VARCHAR")
        .containsEntry("tags", "JSON").containsEntry("mixed", "VARCHAR").containsKeys("@id", "@types", "@metadata");
    try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(amount), count(*) FILTER (WHERE name = '12') FROM read_parquet('" + f + "')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(11);
      assertThat(rs.getLong(2)).isEqualTo(1);
    }
    try (Database db = FileTckTest.openFile(f)) {
      assertThat(db.read("t")).contains(tricky);
      assertThat(db.read("a")).get().satisfies(r -> assertThat(r.data()).containsEntry("mixed", "x").containsEntry("when", at));
      assertThat(db.read("n")).get().satisfies(r -> assertThat((Double) r.get("price")).isNaN());
      assertThat(db.search(Query.all().filter("amount", Operator.GT, 0))).extracting(Record::id).containsExactly("a", "t");
    }
  }

  @Test
  void aFileThatIsNotParquetNamesTheFile() throws Exception {
    Path f = dir.resolve("broken.parquet");
    Files.writeString(f, "{\"id\":\"a\"}\n");
    assertThatThrownBy(() -> FileTckTest.openFile(f, "read_only", true).search(Query.all()))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> assertThat(e.file()).isEqualTo(f.toString()))
        .hasMessageContaining("Parquet");
    assertThatThrownBy(() -> FileTckTest.openFile(f)).isInstanceOf(MalformedFileException.class);
    assertThat(Files.readString(f)).as("nothing written over it").isEqualTo("{\"id\":\"a\"}\n");
  }
}

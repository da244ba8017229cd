package io.dataknobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.core.DatabaseFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw rows that judge DuckDB's writes store what the API stores: the same columns, and in them
 * the same values (but for the version, times and insertion number, which are the writer's own).
 */
class DuckDbStoredRowTest {
  @TempDir
  Path dir;

  @Test
  void appendedAndInsertedRowsHoldTheValuesTheApiStores() throws Exception {
    List<Record> data = Bench.generate(300);
    Map<String, Object> config = Map.of("path", dir.resolve("bench.duckdb").toString());
    DuckDbRawBaseline baseline = new DuckDbRawBaseline(config);
    try (Database db = DatabaseFactory.standard().open("duckdb", config)) {
      db.createBatch(data.subList(0, 200));
      try (Connection c = baseline.connectStored()) {
        DuckDbStoredRow row = DuckDbStoredRow.read(c, "\"records\"", baseline::encode);
        assertThat(row).as("the bench's fields have typed columns").isNotNull();
        try (Statement s = c.createStatement()) {
          s.execute(row.ddl("raw").replaceFirst("CREATE TABLE", "CREATE TEMP TABLE"));
        }
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", "raw")) {
          for (int i = 0; i < 100; i++) {
            row.append(a, data.get(i), i);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(row.insert("temp.raw"))) {
          for (int i = 100; i < 200; i++) {
            row.bind(ps, data.get(i), i);
            ps.executeUpdate();
          }
        }
        List<String> compared = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT column_name FROM duckdb_columns() WHERE table_name = 'records'"
            + " ORDER BY column_index")) {
          while (rs.next()) {
            compared.add(rs.getString(1));
          }
        }
        assertThat(compared).as("the record's columns and its typed ones").contains("id", "data", "metadata").hasSizeGreaterThan(9);
        compared.removeAll(List.of("version", "created_at", "updated_at", "seq"));
        String columns = String.join(", ", compared);
        assertThat(count(c, "SELECT " + columns + " FROM temp.raw")).isEqualTo(200);
        assertThat(count(c, "SELECT " + columns + " FROM records EXCEPT ALL SELECT " + columns + " FROM temp.raw"))
            .as("every row the API stored, written by hand the same").isZero();
        assertThat(count(c, "SELECT " + columns + " FROM temp.raw EXCEPT ALL SELECT " + columns + " FROM records")).isZero();
      }
    }
  }

  private static long count(Connection c, String select) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + select + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

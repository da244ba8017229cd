package io.dataknobs.backend.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of part files read as one database: JSON Lines, CSV and Parquet parts, ids across parts, what is refused. */
class DirectoryFileTest {
  @TempDir
  Path dir;

  @Test
  void jsonLinesPartsReadAsOneInNameOrder() throws Exception {
    Files.writeString(dir.resolve("part-0001.jsonl"), "{\"id\":\"c\",\"n\":3}\n{\"n\":4}\n");
    Files.writeString(dir.resolve("part-0000.jsonl"), "{\"id\":\"a\",\"n\":1}\n{\"n\":2}\n");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    try (Database db = FileTckTest.openFile(dir, "read_only", true)) {
      assertThat(db.search(Query.all())).extracting(Record::id)
          .containsExactly("a", "part-0000.jsonl:line-2", "c", "part-0001.jsonl:line-2");
      assertThat(db.read("part-0001.jsonl:line-2")).get().satisfies(r -> assertThat(r.get("n")).isEqualTo(4L));
      assertThat(db.count(Query.all().filter("n", Operator.GT, 1))).isEqualTo(3);
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.defaults())) {
        assertThat(s.map(r -> r.get("n"))).containsExactly(1L, 2L, 3L, 4L);
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("part-0000.jsonl", "part-0001.jsonl", "_SUCCESS");
    }
  }

  @Test
  void parquetAndCsvPartsToo() throws Exception {
    for (int p = 0; p < 3; p++) {
      ParquetFileTest.duckdb("COPY (SELECT 'r' || (i + " + (p * 10) + ") AS id, i AS n FROM range(10) t(i)) TO '"
          + dir.resolve("p" + p + ".parquet") + "' (FORMAT parquet)");
    }
    try (Database db = FileTckTest.openFile(dir, "read_only", true)) {
      assertThat(db.count()).isEqualTo(30);
      assertThat(db.read("r25")).get().satisfies(r -> assertThat(r.get("n")).isEqualTo(5L));
      assertThat(db.search(Query.all().filter("n", Operator.EQ, 9))).extracting(Record::id).containsExactly("r9", "r19", "r29");
    }
    Path csv = Files.createDirectory(dir.resolve("csv"));
    Files.writeString(csv.resolve("a.csv"), "id,zip\nx,01234\n");
    Files.writeString(csv.resolve("b.csv"), "id,zip,extra\ny,99999,true\n");
    try (Database db = FileTckTest.openFile(csv, "read_only", true)) {
      assertThat(db.search(Query.all())).extracting(r -> r.data().toString()).containsExactly("{id=x, zip=01234}", "{id=y, zip=99999, extra=true}");
    }
  }

  @Test
  void anIdOnTwoPartsAndWhatIsRefusedNameTheProblem() throws Exception {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"same\"}\n");
    Files.writeString(dir.resolve("b.jsonl"), "{\"id\":\"same\"}\n");
    assertThatThrownBy(() -> FileTckTest.openFile(dir, "read_only", true).read("same"))
        .isInstanceOf(MalformedFileException.class).hasMessageContaining("same");
    assertThatThrownBy(() -> FileTckTest.openFile(dir)).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.getMessage()).contains("read_only").contains("directory"));
    Files.writeString(dir.resolve("c.csv"), "id\nz\n");
    assertThatThrownBy(() -> FileTckTest.openFile(dir, "read_only", true)).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.getMessage()).contains("format").contains("csv").contains("jsonl"));
    try (Database db = FileTckTest.openFile(dir, "read_only", true, "format", "csv")) {
      assertThat(db.search(Query.all())).extracting(Record::id).containsExactly("z");
    }
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> FileTckTest.openFile(empty, "read_only", true)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("holds no");
    assertThat(List.of(dir.resolve("a.jsonl"), dir.resolve("b.jsonl"))).allMatch(Files::exists);
  }
}

package io.dataknobs.backend.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files: what a file written elsewhere reads as, what one written here looks like, declared columns, bad rows. */
class CsvFileTest {
  @TempDir
  Path dir;

  @Test
  void aCsvWrittenElsewhereReadsAsTheValuesItsCellsLookLike() throws Exception {
    Path f = dir.resolve("orders.csv");
    Files.writeString(f, "id,zip,amount,qty,paid,note\r\n"
        + "o1,01234,12.50,3,true,\"comma, and \"\"quotes\"\"\"\r\n"
        + "o2,99999,7,,false,\"two\nlines\"\r\n"
        + "o3,00000,1e3,-4,maybe,\r\n");
    try (Database db = FileTckTest.openFile(f, "read_only", true)) {
      List<Record> all = db.search(Query.all());
      assertThat(all).extracting(Record::id).containsExactly("o1", "o2", "o3");
      assertThat(all.get(0).data()).containsEntry("zip", "01234").containsEntry("amount", 12.5).containsEntry("qty", 3L)
          .containsEntry("paid", true).containsEntry("note", "comma, and \"quotes\"");
      assertThat(all.get(1).data()).containsEntry("amount", 7L).doesNotContainKey("qty").containsEntry("note", "two\nlines");
      assertThat(all.get(2).data()).containsEntry("amount", 1000.0).containsEntry("paid", "maybe").doesNotContainKey("note");
      assertThat(db.read("o2")).get().satisfies(r -> assertThat(r.data()).containsEntry("note", "two\nlines"));
      assertThat(db.count(Query.all().filter("amount", Operator.GT, 10))).isEqualTo(2);
    }
  }

  @Test
  void whatCsvCannotSayIsTypedInColumnsWrittenLast() throws Exception {
    Path f = dir.resolve("values.csv");
    Instant at = Instant.parse("2024-01-02T03:04:05Z");
    Record tricky = Record.builder().id("t").put("s", "12").put("empty", "").put("nil", null).put("when", at)
        .put("day", LocalDate.of(2024, 1, 2)).put("dec", new BigDecimal("1.50")).put("bytes", new byte[] {1, 2})
        .put("list", List.of(1L, "x", at)).put("map", Map.of("k", 2.5)).put("nan", Double.NaN).put("neg", -0.0)
        .metadata("source", "test").build();
    try (Database db = FileTckTest.openFile(f)) {
      db.create(Record.builder().put("id", "plain").put("n", 1).put("name", "a").build());
      db.create(tricky);
    }
    List<String> lines = Files.readAllLines(f);
    assertThat(lines.get(0)).isEqualTo("id,n,name,s,empty,nil,when,day,dec,bytes,list,map,nan,neg,@id,@types,@metadata_types,@metadata");
    assertThat(lines.get(1)).isEqualTo("plain,1,a,,,,,,,,,,,,,,,");
    try (Database db = FileTckTest.openFile(f)) {
      Record back = db.read("t").orElseThrow();
      assertThat(back.data().keySet()).containsExactlyInAnyOrderElementsOf(tricky.data().keySet());
      tricky.data().forEach((k, v) -> {
        if (v instanceof byte[] b) {
          assertThat((byte[]) back.data().get(k)).isEqualTo(b);
        } else {
          assertThat(back.data().get(k)).as(k).isEqualTo(v);
        }
      });
      assertThat(back.metadata()).isEqualTo(tricky.metadata());
      assertThat(db.read("plain")).get().satisfies(r -> assertThat(r.data()).isEqualTo(Map.of("id", "plain", "n", 1L, "name", "a")));
    }
  }

  @Test
  void declaredColumnsAreReadAsDeclaredAndCheckedAgainstTheHeader() throws Exception {
    Path f = dir.resolve("declared.csv");
    Files.writeString(f, "zip,amount\n01234,12\n00001,x\n");
    Map<String, Object> columns = Map.of("zip", "string", "amount", "number");
    try (Database db = FileTckTest.openFile(f, "read_only", true, "columns", columns)) {
      assertThatThrownBy(() -> db.search(Query.all())).isInstanceOfSatisfying(MalformedFileException.class, e -> {
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("amount").contains("'x' is not a number");
      });
    }
    Files.writeString(f, "zip,amount\n01234,12\n");
    try (Database db = FileTckTest.openFile(f, "read_only", true, "columns", Map.of("zip", "integer"))) {
      assertThat(db.search(Query.all()).get(0).data()).containsEntry("zip", 1234L).containsEntry("amount", 12L);
    }
    assertThatThrownBy(() -> FileTckTest.openFile(f, "read_only", true, "columns", Map.of("price", "number")).search(Query.all()))
        .isInstanceOfSatisfying(MalformedFileException.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.getMessage()).contains("'price'").contains("[zip, amount]");
        });
    assertThatThrownBy(() -> FileTckTest.openFile(f, "columns", Map.of("zip", "text"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'text'").hasMessageContaining("string");
  }

  @Test
  void aRowWithMoreCellsThanTheHeaderNamesItsLine() throws Exception {
    Path f = dir.resolve("wide.csv");
    Files.writeString(f, "a,b\n1,2\n3,4,5\n");
    assertThatThrownBy(() -> FileTckTest.openFile(f)).isInstanceOfSatisfying(MalformedFileException.class, e -> {
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.getMessage()).contains("3 cells").contains("2 columns");
    });
    Files.writeString(f, "a,a\n1,2\n");
    assertThatThrownBy(() -> FileTckTest.openFile(f)).isInstanceOf(MalformedFileException.class).hasMessageContaining("'a' again");
  }

  @Test
  void tabSeparatedByItsExtension() throws Exception {
    Path f = dir.resolve("t.tsv");
    try (Database db = FileTckTest.openFile(f)) {
      db.create(Record.builder().put("id", 1).put("text", "a,b").build());
    }
    assertThat(Files.readAllLines(f)).containsExactly("id\ttext", "1\ta,b");
    try (Database db = FileTckTest.openFile(f)) {
      assertThat(db.read("1")).get().satisfies(r -> assertThat(r.data()).containsEntry("id", 1L).containsEntry("text", "a,b"));
    }
  }
}

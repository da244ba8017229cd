package io.dataknobs.backend.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.ReadOnlyDatabaseException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the file backend promises beyond the TCK: a plain file, durability, crashes, bad lines, read-only. */
class FileBackendTest {
  @TempDir
  Path dir;

  @Test
  void onCloseTheFileIsPlainJsonLinesAndTheJournalIsGone() throws Exception {
    Path f = dir.resolve("orders.jsonl");
    Instant at = Instant.parse("2024-05-06T07:08:09Z");
    try (Database db = FileTckTest.openFile(f)) {
      db.create(Record.builder().put("id", "o1").put("amount", 12).build());
      db.create(Record.builder().id("o2").put("amount", 3.5).put("when", at).put("@tag", "x").metadata("source", "test").build());
      db.create(Record.builder().id("o3").put("amount", 1).build());
      db.update("o1", Record.builder().put("id", "o1").put("amount", 13).build());
      db.delete("o3");
      assertThat(Files.exists(dir.resolve("orders.jsonl.journal"))).isTrue();
    }
    assertThat(Files.exists(dir.resolve("orders.jsonl.journal"))).isFalse();
    assertThat(Files.readAllLines(f)).containsExactly("{\"id\":\"o1\",\"amount\":13}",
        "{\"@id\":\"o2\",\"@types\":{\"when\":\"instant\"},\"@metadata\":{\"source\":\"test\"},\"amount\":3.5,"
            + "\"when\":\"2024-05-06T07:08:09Z\",\"@@tag\":\"x\"}");
    try (Database db = FileTckTest.openFile(f)) {
      assertThat(db.read("o2")).get().satisfies(r -> {
        assertThat(r.data()).containsEntry("when", at).containsEntry("@tag", "x");
        assertThat(r.metadata()).containsEntry("source", "test");
      });
      assertThat(db.count()).isEqualTo(2);
    }
  }

  @Test
  void aFileWrittenElsewhereOpensAsItIsAndReadOnlyNeverTouchesIt() throws Exception {
    Path f = dir.resolve("plain.jsonl");
    Files.writeString(f, "{\"id\":7,\"name\":\"seven\"}\n\n{\"name\":\"no id\",\"n\":[1,2]}\r\n{\"id\":\"a\",\"nested\":{\"x\":1}}");
    byte[] before = Files.readAllBytes(f);
    long modified = Files.getLastModifiedTime(f).toMillis();
    try (Database db = FileTckTest.openFile(f, "read_only", true)) {
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.defaults())) {
        assertThat(s.map(Record::id)).containsExactly("7", "line-3", "a");
      }
      assertThat(db.read("7")).get().satisfies(r -> assertThat(r.data()).containsEntry("id", 7L).containsEntry("name", "seven"));
      assertThat(db.search(Query.all().filter("n", Operator.EXISTS, null))).extracting(Record::id).containsExactly("line-3");
      assertThatThrownBy(() -> db.create(Record.of(Map.of("a", 1)))).isInstanceOf(ReadOnlyDatabaseException.class)
          .hasMessageContaining("read_only");
    }
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(modified);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("plain.jsonl");
    }
  }

  @Test
  void aMalformedLineNamesTheFileLineAndColumn() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"id\":\"1\"}\n{\"id\":\"2\",\"x\":tru}\n{\"id\":\"3\"}\n");
    assertThatThrownBy(() -> FileTckTest.openFile(f)).isInstanceOfSatisfying(MalformedFileException.class, e -> {
      assertThat(e.file()).isEqualTo(f.toString());
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.column()).isBetween(12L, 16L);
      assertThat(e.getMessage()).startsWith(f + ":2:");
    });
    Files.writeString(f, "{\"id\":\"1\"}\n[1,2]\n");
    try (Database db = FileTckTest.openFile(f, "read_only", true)) {
      assertThatThrownBy(() -> db.search(Query.all())).isInstanceOfSatisfying(MalformedFileException.class,
          e -> assertThat(e.line()).isEqualTo(2));
    }
    Files.writeString(f, "{\"id\":\"1\"}\n{\"id\":\"1\"}\n");
    assertThatThrownBy(() -> FileTckTest.openFile(f)).isInstanceOf(MalformedFileException.class).hasMessageContaining("id '1'")
        .hasMessageContaining(":2:");
  }

  @Test
  void aTornLastLineIsReportedAndLeftOut() throws Exception {
    Path f = dir.resolve("torn.jsonl");
    Files.writeString(f, "{\"id\":\"1\"}\n{\"id\":\"2\",\"x\":\"unfini");
    try (Database db = FileTckTest.openFile(f, "read_only", true)) {
      assertThat(db.search(Query.all())).extracting(Record::id).containsExactly("1");
    }
    Files.writeString(f, "{\"id\":\"1\"}\n{\"id\":\"2\"}");
    try (Database db = FileTckTest.openFile(f, "read_only", true)) {
      assertThat(db.count()).as("a last line without a newline that parses is a record").isEqualTo(2);
    }
  }

  @Test
  void aBatchCutShortInTheJournalIsLeftOutAndRemoved() throws Exception {
    Path f = dir.resolve("j.jsonl");
    Database db = FileTckTest.openFile(f);
    db.createBatch(List.of(Record.of(Map.of("id", "a")), Record.of(Map.of("id", "b"))));
    // a crash: no close, so no compaction; then half of a batch and half of a line
    Path journal = dir.resolve("j.jsonl.journal");
    Files.writeString(journal, "P-{\"id\":\"c\",\"data\":{},\"metadata\":{}}\nPE{\"id\":\"d\",\"da", java.nio.file.StandardOpenOption.APPEND);
    long torn = Files.size(journal);
    try (Database ro = FileTckTest.openFile(f, "read_only", true)) {
      assertThat(ro.search(Query.all())).extracting(Record::id).containsExactly("a", "b");
    }
    assertThat(Files.size(journal)).isEqualTo(torn);
    // the first process is gone (its lock with it): a writer cuts the tail off and goes on
    db.close();
    Files.writeString(journal, "P-{\"id\":\"c\",\"data\":{},\"metadata\":{}}\nPE{\"id\":\"d\",\"da", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    try (Database again = FileTckTest.openFile(f)) {
      assertThat(again.search(Query.all())).extracting(Record::id).containsExactly("a", "b");
      again.create(Record.of(Map.of("id", "e")));
    }
    assertThat(Files.readAllLines(f)).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"e\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "parquet"})
  void aKilledWriterLosesNoAcknowledgedBatchAndLeavesNoPartOfOne(String extension) throws Exception {
    Path f = dir.resolve("crash." + extension);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FileCrashWriter.class.getName(), f.toString(), "50")
        .redirectErrorStream(true).start();
    int acked = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("acked ")) {
          acked = Integer.parseInt(line.substring(6));
          if (acked >= 40) {
            break;
          }
        }
      }
      p.destroyForcibly();
      p.waitFor();
    }
    assertThat(acked).as("the writer ran").isGreaterThanOrEqualTo(40);
    try (Database db = FileTckTest.openFile(f)) {
      List<Record> all = db.search(Query.all());
      assertThat(all.size() % 50).as("whole batches only").isZero();
      assertThat(all.size()).isGreaterThanOrEqualTo((acked + 1) * 50);
      for (int b = 0; b <= acked; b++) {
        assertThat(db.read("r" + b + "-49")).as("batch " + b).isPresent();
        if (b % 3 == 0 && b < acked) {
          assertThat(db.read("r" + b + "-0")).get().satisfies(r -> assertThat(r.data()).containsEntry("updated", true));
        }
      }
    }
  }

  @Test
  void theFileIsCompactedWhenTheJournalOutgrowsIt() throws Exception {
    Path f = dir.resolve("c.jsonl");
    try (Database db = FileTckTest.openFile(f, "compact_bytes", "1kB")) {
      for (int i = 0; i < 200; i++) {
        db.upsert(Record.of(Map.of("id", "k" + (i % 10), "v", i)));
      }
      assertThat(Files.size(dir.resolve("c.jsonl.journal"))).as("the journal was folded in along the way").isLessThan(8_000);
      assertThat(db.read("k3")).get().satisfies(r -> assertThat(r.data()).containsEntry("v", 193L));
      assertThat(db.search(Query.all())).extracting(Record::id).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
    }
  }

  /** Compaction writes the whole file, so it waits for as many changes as the file has records: the file at most doubles between two. */
  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "parquet"})
  void compactionWaitsForAsManyChangesAsTheFileHasRecords(String extension) throws Exception {
    Path f = dir.resolve("g." + extension);
    Path journal = dir.resolve("g." + extension + ".journal");
    try (Database db = FileTckTest.openFile(f, "compact_bytes", "1kB")) {
      List<Record> batch = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        batch.add(Record.of(Map.of("id", "r" + i, "n", i)));
      }
      db.createBatch(batch);
      assertThat(journal).as("1,000 changes to an empty file: compacted").doesNotExist();
      for (int i = 0; i < 990; i += 10) {
        db.upsertBatch(batch.subList(i, i + 10));
      }
      assertThat(Files.size(journal)).as("past compact_bytes, but fewer changes than records").isGreaterThan(1024);
      db.upsertBatch(batch.subList(990, 1000));
      db.upsert(batch.get(0));
      assertThat(journal).as("1,001 changes to a file of 1,000 records: compacted").doesNotExist();
      assertThat(db.count()).isEqualTo(1000);
    }
  }

  @Test
  void configurationErrorsNameTheKey() {
    assertThatThrownBy(() -> FileTckTest.FACTORY.open("file", Map.of("path", dir.resolve("x.csv").toString(), "delimiter", "ab")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("delimiter");
    assertThatThrownBy(() -> FileTckTest.FACTORY.open("file", Map.of("path", dir.resolve("x").toString(), "format", "xml")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("xml");
    assertThatThrownBy(() -> FileTckTest.FACTORY.open("file", Map.of("path", dir.resolve("missing.jsonl").toString(), "read_only", true)))
        .hasMessageContaining("missing.jsonl").hasMessageContaining("no such file");
  }

  @Test
  void aSecondWriterOnTheSameFileIsRefused() {
    Path f = dir.resolve("w.jsonl");
    try (Database db = FileTckTest.openFile(f)) {
      assertThatThrownBy(() -> FileTckTest.openFile(f)).isInstanceOf(io.dataknobs.api.BackendUnavailableException.class).hasMessageContaining("read_only");
      try (Database ro = FileTckTest.openFile(f, "read_only", true)) {
        assertThat(ro.count()).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "csv", "parquet"})
  void streamsOfUnsortedQueriesAreLazyAndSurviveCompaction(String extension) {
    Path f = dir.resolve("s." + extension);
    try (Database db = FileTckTest.openFile(f, "compact_bytes", "1kB")) {
      List<Record> batch = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        batch.add(Record.of(Map.of("id", "r" + i, "n", i)));
      }
      db.createBatch(batch);
      try (Stream<Record> s = db.streamRead(Query.all().filter("n", Operator.GTE, 100), StreamConfig.defaults())) {
        java.util.Iterator<Record> it = s.iterator();
        assertThat(it.next().id()).isEqualTo("r100");
        for (int i = 0; i < 50; i++) {
          db.upsert(Record.of(Map.of("id", "r" + i, "n", -1)));
        }
        int n = 1;
        while (it.hasNext()) {
          it.next();
          n++;
        }
        assertThat(n).isEqualTo(400);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "parquet"})
  void aLargeFileStreamsInASmallHeap(String extension) throws Exception {
    Path f = dir.resolve("large." + extension);
    int records = 300_000;
    String pad = "p".repeat(240);
    if (extension.equals("parquet")) {
      // distinct pads, so the file holds about as much as the JSON Lines one
      ParquetFileTest.duckdb("COPY (SELECT 'r' || i AS id, i AS n, repeat('p', 234) || lpad(i::VARCHAR, 6, '0') AS pad FROM range("
          + records + ") t(i)) TO '" + f + "' (FORMAT parquet, COMPRESSION uncompressed)");
      assertThat(Files.size(f)).isGreaterThan(70L << 20);
    } else {
      try (java.io.BufferedWriter w = Files.newBufferedWriter(f)) {
        for (int i = 0; i < records; i++) {
          w.write("{\"id\":\"r" + i + "\",\"n\":" + i + ",\"pad\":\"" + pad + "\"}\n");
        }
      }
      assertThat(Files.size(f)).isGreaterThan(75L << 20);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"), FileStreamCounter.class.getName(),
        f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("streamed " + records + " bytes " + (long) records * pad.length() + " matched 1000");
  }
}

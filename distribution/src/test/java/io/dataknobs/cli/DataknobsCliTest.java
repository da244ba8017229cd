package io.dataknobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import io.dataknobs.testservers.PostgresServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DataknobsCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Dataknobs.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void backendsListsMemoryWithItsKeys() {
    assertThat(run("backends")).isZero();
    assertThat(out.toString()).contains("memory (aliases: inmemory, mem)").contains("initial_capacity").contains("int");
    assertThat(run("backends", "MEM")).isZero();
    out.getBuffer().setLength(0);
    assertThat(run("backends", "cache")).isZero();
    assertThat(out.toString()).contains("records.max_size").contains("queries.ttl").doesNotContain("initial_capacity");
  }

  @Test
  void benchPrintsTheGuidesTable() {
    assertThat(run("bench", "--records", "3000", "--single-records", "500", "--searches", "20", "--no-progress")).isZero();
    String table = out.toString();
    assertThat(table).contains("Method", "Records", "Time", "Records/sec");
    for (String method : List.of("create", "createBatch(100)", "createBatch(500)", "streamWrite", "readBatch",
        "search(limit=100)", "aggregate(groupBy)")) {
      assertThat(table).contains(method);
    }
    assertThat(table).contains("3,000");
    assertThat(table).contains("raw:put").contains("vs raw").containsPattern("createBatch\\(500\\) .*\\| +[0-9.]+x");
  }

  @Test
  void benchJsonCarriesTheSameRows() throws Exception {
    assertThat(run("bench", "-n", "2000", "--single-records", "300", "--searches", "10", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("backend").asText()).isEqualTo("memory");
    assertThat(json.get("records").asLong()).isEqualTo(2000);
    assertThat(json.get("jvm").asText()).isNotBlank();
    List<String> methods = new ArrayList<>();
    json.get("rows").forEach(r -> {
      methods.add(r.get("method").asText());
      assertThat(r.get("seconds").asDouble()).isGreaterThanOrEqualTo(0);
      assertThat(r.get("records_per_sec").asDouble()).isPositive();
    });
    assertThat(methods.subList(0, 17)).containsExactly("create", "createBatch(100)", "createBatch(500)", "streamWrite", "readBatch",
        "streamRead", "search(limit=100)", "aggregate(groupBy)", "aggregate(by 1)", "aggregate(by 2)", "aggregate(filtered)",
        "count(filtered)", "search(filtered)", "count(id IN 100k)", "readBatch hot (cache)", "readBatch hot (no cache)",
        methods.get(16));
    assertThat(methods.get(16)).as("the bulkhead row reports the peak it saw, never above its limit")
        .matches("read x64 \\(bulkhead 8, peak [1-8]\\)");
    assertThat(methods.subList(17, methods.size())).containsExactly("read hot (metrics)", "read hot (no metrics)", "raw:put");
    assertThat(json.get("rows").get(13).get("records").asLong()).as("every other stored id of the 100k asked for").isEqualTo(1000);
    assertThat(json.get("rows").get(0).get("records").asLong()).isEqualTo(300);
    assertThat(json.get("rows").get(6).get("records").asLong()).isEqualTo(10 * 100);
  }

  @Test
  void benchRunsOnTheEmbeddedSqlEnginesWithRawBaselines() throws Exception {
    for (String backend : List.of("sqlite", "duckdb")) {
      out.getBuffer().setLength(0);
      assertThat(run("bench", "--backend", backend, "-n", "1500", "--single-records", "50", "--searches", "5", "--json")).isZero();
      JsonNode json = new ObjectMapper().readTree(out.toString());
      List<String> methods = new ArrayList<>();
      json.get("rows").forEach(r -> methods.add(r.get("method").asText()));
      assertThat(methods).as(backend).contains("createBatch(500)", "streamWrite", "aggregate(groupBy)", "raw:aggregate")
          .contains(backend.equals("sqlite") ? "raw:batch" : "raw:appender");
      String raw = backend.equals("sqlite") ? "raw:batch" : "raw:appender";
      assertThat(methods).as(backend).contains(raw + "(500)", raw + "(" + Bench.STREAM_BATCH + ")");
      out.getBuffer().setLength(0);
      assertThat(run("bench", "--backend", backend, "-n", "1500", "--single-records", "50", "--searches", "5")).isZero();
      assertThat(out.toString()).as(backend).contains("vs raw, same batches")
          .containsPattern("count\\(id IN 100k\\) .*\\| +[0-9.]+x")
          .contains("raw:count(id IN 100k)")
          .containsPattern("createBatch\\(500\\) .*\\| +[0-9.]+x \\| +[0-9.]+x")
          .containsPattern("streamWrite .*\\| +[0-9.]+x \\| +[0-9.]+x");
    }
  }

  @Test
  void fileBackedBenchesCompareWithRawRowsOnFilesBesideTheDatabase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    for (String backend : List.of("sqlite", "duckdb")) {
      java.nio.file.Path db = dir.resolve("bench." + backend);
      java.nio.file.Path yaml = dir.resolve(backend + ".yaml");
      java.nio.file.Files.writeString(yaml, "databases:\n  " + backend + ":\n    backend: " + backend + "\n    path: " + db + "\n");
      out.getBuffer().setLength(0);
      assertThat(run("bench", "--config", yaml.toString(), "--database", backend, "-n", "1500", "--single-records", "50", "--searches", "5",
          "--json")).isZero();
      List<String> methods = new ArrayList<>();
      new ObjectMapper().readTree(out.toString()).get("rows").forEach(r -> methods.add(r.get("method").asText()));
      assertThat(methods).as(backend).contains("raw:aggregate", "raw:count(id IN 100k)");
      assertThat(methods).as(backend + ": push-down rows and their hand-written twins over the same table")
          .contains("aggregate(by 1)", "raw:aggregate(by 1)", "aggregate(by 2)", "raw:aggregate(by 2)", "aggregate(filtered)",
              "raw:aggregate(filtered)", "count(filtered)", "raw:count(filtered)", "search(filtered)", "raw:search(filtered)");
      assertThat(methods).as(backend + ": point work by hand, the engine's own limit").contains("raw:create", "raw:readBatch",
          "raw:search(limit=100)");
      assertThat(methods.stream().filter("search(limit=100)"::equals)).as(backend + ": the limited search measured in turns with its"
          + " twin replaces the row measured alone, in its place").hasSize(1);
      assertThat(methods).containsSubsequence("streamRead", "search(limit=100)", "aggregate(groupBy)", "raw:search(limit=100)");
      for (String row : List.of(Bench.IN_LIST, "raw:" + Bench.IN_LIST)) {
        assertThat(methods.stream().filter(row::equals)).as(backend + ": " + row + " once, both over the API's own table").hasSize(1);
      }
      if (backend.equals("duckdb")) {
        assertThat(methods).as("DuckDB's create is judged by the row it stores written by hand; the JSON-only row beside it")
            .containsSubsequence("create", "raw:create", "raw:create(json)");
        assertThat(methods).as("DuckDB's bulk writes are judged by the Appender writing the row it stores, in the same batches;"
            + " the JSON-only row's one append beside it").contains("raw:appender(500)", "raw:appender(" + Bench.STREAM_BATCH + ")")
            .containsSubsequence("raw:appender", "raw:appender(json)", "raw:aggregate");
      } else {
        assertThat(methods).as(backend + " stores the JSON row: raw:create is it").doesNotContain("raw:create(json)", "raw:batch(json)");
      }
      try (var files = java.nio.file.Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).as("the raw rows' files are removed afterwards")
            .noneMatch(n -> n.contains(".raw"));
      }
    }
  }

  @Test
  void reopenRunsTheReadsOnTheStoredDatabaseOpenedAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    for (String backend : List.of("sqlite", "duckdb")) {
      java.nio.file.Path yaml = dir.resolve(backend + ".yaml");
      java.nio.file.Files.writeString(yaml, "databases:\n  " + backend + ":\n    backend: " + backend + "\n    path: "
          + dir.resolve("bench." + backend) + "\n");
      out.getBuffer().setLength(0);
      assertThat(run("bench", "--config", yaml.toString(), "--database", backend, "-n", "1200", "--single-records", "20", "--searches", "5",
          "--reopen", "--json")).isZero();
      List<String> methods = new ArrayList<>();
      JsonNode rows = new ObjectMapper().readTree(out.toString()).get("rows");
      rows.forEach(r -> methods.add(r.get("method").asText()));
      assertThat(methods).as(backend + ": reopened after the writes, before the reads").containsSubsequence("streamWrite", "reopen",
          "readBatch", "search(filtered)", "raw:search(filtered)");
      rows.forEach(r -> {
        if (r.get("method").asText().equals("reopen")) {
          assertThat(r.get("records").asLong()).as("every record is there after reopening").isEqualTo(1200);
        }
      });
    }
  }

  @Test
  void reopenRefusesADatabaseThatKeepsNothing() throws Exception {
    assertThat(run("bench", "--backend", "memory", "-n", "10", "--reopen")).isEqualTo(2);
    assertThat(err.toString()).contains("--reopen").contains("in memory");
    java.nio.file.Path yaml = java.nio.file.Files.createTempFile("bench-memory", ".yaml");
    java.nio.file.Files.writeString(yaml, "databases:\n  mem:\n    backend: sqlite\n");
    err.getBuffer().setLength(0);
    assertThat(run("bench", "--config", yaml.toString(), "--database", "mem", "-n", "300", "--single-records", "10", "--searches", "2",
        "--reopen", "--no-progress")).isNotZero();
    assertThat(err.toString()).as("found out when the records are gone after reopening").contains("--reopen")
        .contains("held 0 records after it was reopened, 300 before");
  }

  @Test
  void benchRunsOnPostgresWithCopyAndPoolingRows() throws Exception {
    java.nio.file.Path yaml = java.nio.file.Files.createTempFile("bench-pg", ".yaml");
    StringBuilder sb = new StringBuilder("databases:\n  pg:\n    backend: postgres\n    table: bench_cli\n");
    PostgresServer.shared().config().forEach((k, v) -> sb.append("    ").append(k).append(": '").append(v).append("'\n"));
    java.nio.file.Files.writeString(yaml, sb.toString());
    assertThat(run("bench", "--config", yaml.toString(), "--database", "pg", "-n", "1500", "--single-records", "50", "--searches", "5",
        "--no-progress")).isZero();
    assertThat(out.toString()).contains("Backend: postgres").contains("raw:copy(500)").contains("vs raw, same batches")
        .containsPattern("read x8 \\(pool\\) .*\\| +[0-9.]+x").contains("raw:read x8 (connect each)");
    assertThat(out.toString()).containsPattern("aggregate\\(by 2\\) .*\\| +[0-9.]+x").contains("raw:search(filtered)")
        .containsPattern("readBatch +\\|.*\\| +[0-9.]+x").containsPattern("create +\\|.*\\| +[0-9.]+x").contains("raw:readBatch");
  }

  @Test
  void severalBackendsRunSideBySideAndAsAChart() throws Exception {
    java.nio.file.Path png = java.nio.file.Files.createTempFile("bench", ".png");
    assertThat(run("bench", "--backend", "memory,sqlite", "-n", "1500", "--single-records", "50", "--searches", "5", "--no-progress",
        "--chart", png.toString())).isZero();
    assertThat(out.toString()).containsPattern("Method +\\| +memory \\| vs raw \\| +sqlite \\| vs raw \\| sqlite vs memory")
        .containsPattern("aggregate\\(by 2\\) +\\| +[0-9,]+ \\| +\\| +[0-9,]+ \\| +\\| [0-9.]+x")
        .containsPattern("createBatch\\(500\\) +\\| +[0-9,]+ \\| +[0-9.]+x \\| +[0-9,]+ \\| +[0-9.]+x \\| [0-9.]+x")
        .containsPattern("raw:batch\\(500\\) +\\| +- \\| +\\| +[0-9,]+");
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(image).as("a PNG image").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1100);
    assertThat(image.getHeight()).as("a bar group per row").isGreaterThan(400);
    out.getBuffer().setLength(0);
    assertThat(run("bench", "--backend", "memory,sqlite", "-n", "1000", "--single-records", "10", "--searches", "2", "--json")).isZero();
    JsonNode both = new ObjectMapper().readTree(out.toString());
    assertThat(both.get("backends")).hasSize(2);
    assertThat(both.get("backends").get(1).get("backend").asText()).isEqualTo("sqlite");
  }

  @Test
  void aChartIsAPng() {
    assertThat(run("bench", "--backend", "memory", "-n", "10", "--chart", "bench.svg")).isEqualTo(2);
    assertThat(err.toString()).contains("--chart").contains("PNG");
  }

  @Test
  void unknownBackendNamesTheAvailableOnes() {
    assertThat(run("bench", "--backend", "nosuch", "-n", "10")).isEqualTo(2);
    assertThat(err.toString()).contains("nosuch").contains("memory");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("bench", "--records", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--records");
    assertThat(run("bench", "--recrods", "5")).isEqualTo(2);
  }
}

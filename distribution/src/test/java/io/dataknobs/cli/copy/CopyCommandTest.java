package io.dataknobs.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.cli.Dataknobs;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.testservers.PostgresServer;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy}, {@code import} and {@code export} end to end on real engines, and what bad input gets. */
class CopyCommandTest {
  @TempDir
  Path dir;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void writers() {
    out = new StringWriter();
    err = new StringWriter();
  }

  private int run(String... args) {
    return io.dataknobs.cli.CliRun.run(out, err, args);
  }

  private String state() {
    return dir.resolve("state.json").toString();
  }

  private Path csv(int n) throws Exception {
    Path f = dir.resolve("orders.csv");
    StringBuilder sb = new StringBuilder("id,customer,amount,status\n");
    for (int i = 0; i < n; i++) {
      sb.append("o").append(i).append(",c").append(i % 7).append(',').append(i % 100).append(".5,").append(i % 3 == 0 ? "open" : "paid")
          .append('\n');
    }
    Files.writeString(f, sb);
    return f;
  }

  @Test
  void aCsvGoesIntoSqliteThenDuckDbThenOutAsJsonLinesVerifiedEachTime() throws Exception {
    Path orders = csv(2500);
    String sqlite = "sqlite:" + dir.resolve("app.db");
    String duckdb = "duckdb:" + dir.resolve("a.duckdb");
    assertThat(run("import", orders.toString(), sqlite, "--verify", "--state", state(), "--batch-size", "700")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("2,500 read, 2,500 written, 0 skipped, 0 failed").contains("verify: 2,500 source records")
        .contains("0 missing, 0 different");
    assertThat(Files.exists(dir.resolve("state.json"))).as("a complete copy leaves no checkpoint").isFalse();
    assertThat(run("copy", sqlite, duckdb, "--verify", "--state", state(), "--where", "status = open")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("834 read, 834 written");
    Path jsonl = dir.resolve("open.jsonl");
    assertThat(run("export", duckdb, jsonl.toString(), "--verify", "--state", state())).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize(834).allMatch(l -> l.contains("\"status\":\"open\""));
    assertThat(lines.get(0)).isEqualTo("{\"id\":\"o0\",\"customer\":\"c0\",\"amount\":0.5,\"status\":\"open\"}");
  }

  @Test
  void conflictsAreInsertedSkippedOrUpsertedAsAsked() throws Exception {
    Path orders = csv(100);
    String target = "sqlite:" + dir.resolve("t.db");
    assertThat(run("import", orders.toString(), target, "--state", state())).isZero();
    assertThat(run("import", orders.toString(), target, "--state", state())).isEqualTo(1);
    assertThat(out.toString()).contains("0 written, 0 skipped, 100 failed").contains("failed: record 1 (id o0)");
    assertThat(run("import", orders.toString(), target, "--state", state(), "--on-conflict", "skip")).isZero();
    assertThat(out.toString()).contains("0 written, 100 skipped");
    assertThat(run("import", orders.toString(), target, "--state", state(), "--on-conflict", "upsert")).isZero();
    assertThat(out.toString()).contains("100 written");
  }

  /** @return a configuration file whose entry {@code name} is a table of the test PostgreSQL server, in a schema of its own */
  private Path postgresEntry(String name, String table) throws Exception {
    StringBuilder yaml = new StringBuilder("databases:\n  " + name + ":\n    backend: postgres\n    table: " + table + "\n    schema: ")
        .append(PostgresServer.shared().freshSchema("copy")).append('\n');
    PostgresServer.shared().config().forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, yaml);
    return config;
  }

  @Test
  void intoPostgresFromAConfigurationFileWhoseSecretsStayHidden() throws Exception {
    Path orders = csv(300);
    Map<String, Object> pg = PostgresServer.shared().config();
    Path config = postgresEntry("orders", "copied_orders");
    assertThat(run("import", orders.toString(), "orders", "--config", config.toString(), "--verify", "--state", state()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("copy file:" + orders + " -> orders: 300 read, 300 written").contains("0 missing, 0 different");
    if (pg.get("password") != null) {
      assertThat(out.toString() + err).doesNotContain(String.valueOf(pg.get("password")));
    }
  }

  /** The README's path: a CSV into PostgreSQL, analysed in DuckDB, out as Parquet that another tool reads as typed columns. */
  @Test
  void aCsvIntoPostgresThenDuckDbThenOutAsParquet() throws Exception {
    int n = 3000;
    Path orders = csv(n);
    Path config = postgresEntry("shop", "orders");
    String duckdb = "duckdb:" + dir.resolve("analysis.duckdb");
    Path parquet = dir.resolve("paid.parquet");
    assertThat(run("import", orders.toString(), "shop", "--config", config.toString(), "--verify", "--state", state())).as(err.toString())
        .isZero();
    assertThat(run("copy", "shop", duckdb, "--config", config.toString(), "--where", "status = paid", "--state", state()))
        .as(err.toString()).isZero();
    assertThat(run("query", duckdb, "--where", "amount > 98", "--sort", "-amount", "--limit", "2", "--select", "customer,amount"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("99.5");
    assertThat(run("export", duckdb, parquet.toString(), "--verify", "--state", state())).as(err.toString()).isZero();
    long paid = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (i % 3 != 0) {
        paid++;
        sum += i % 100 + 0.5;
      }
    }
    try (java.sql.Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT count(*), sum(amount), any_value(typeof(amount)), count(DISTINCT status)"
            + " FROM read_parquet('" + parquet + "')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(paid);
      assertThat(rs.getDouble(2)).isEqualTo(sum);
      assertThat(rs.getString(3)).isEqualTo("DOUBLE");
      assertThat(rs.getLong(4)).isEqualTo(1);
    }
  }

  @Test
  void badInputGetsAMessageAndExitTwo() throws Exception {
    assertThat(run("copy", "nosuch:x", "memory:", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("nosuch").contains("sqlite").contains("file");
    assertThat(run("copy", "orders.txt", "memory:", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot tell what 'orders.txt' is");
    assertThat(run("import", dir.resolve("missing.csv").toString(), "memory:", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.csv").contains("no such file");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "id,n\na,1\nb,2,3\n");
    assertThat(run("import", bad.toString(), "memory:", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains(bad + ":3:");
    Path orders = csv(10);
    Path jsonl = dir.resolve("ro.jsonl");
    Files.writeString(jsonl, "");
    assertThat(run("import", orders.toString(), "file:" + jsonl + "?read_only=true", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("read-only");
    assertThat(run("import", orders.toString(), "memory:", "--state", state(), "--on-conflict", "merge")).isEqualTo(2);
    assertThat(err.toString()).contains("--on-conflict");
    assertThat(run("import", orders.toString(), "sqlite:" + dir.resolve("x.db") + "?tabel=t", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("tabel").contains("table");
  }

  @Test
  void malformedRowsStopTheCopyOrAreLeftOutAndReported() throws Exception {
    Path f = dir.resolve("some-bad.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      sb.append(i == 700 || i == 2500 ? "{\"id\":\"b" + i + "\",\"x\":tru}" : "{\"id\":\"g" + i + "\",\"n\":" + i + "}").append('\n');
    }
    Files.writeString(f, sb);
    String target = "sqlite:" + dir.resolve("skip.db");
    assertThat(run("import", f.toString(), target, "--state", state(), "--batch-size", "100")).isEqualTo(2);
    assertThat(err.toString()).contains(f + ":701:");
    Files.deleteIfExists(dir.resolve("state.json"));
    assertThat(run("import", f.toString(), target, "--state", state(), "--batch-size", "100", "--on-error", "skip",
        "--on-conflict", "skip")).as(err.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("2,998 read").contains("left out 2 malformed rows").contains(f + ":701:").contains(f + ":2501:");
    try (Database db = DatabaseFactory.standard().open("sqlite", Map.of("path", dir.resolve("skip.db").toString()))) {
      assertThat(db.count()).isEqualTo(2998);
    }
  }

  @Test
  void aCheckpointLeftBehindAsksForResume() throws Exception {
    Path orders = csv(50);
    Files.writeString(dir.resolve("state.json"), "{\"copy\":\"" + Checkpoint.key(Location.parse("file:" + orders, null, k -> null),
        Location.parse("memory:", null, k -> null), Query.all().toMap(), "insert").replace("\"", "\\\"") + "\",\"copied\":20}");
    assertThat(run("import", orders.toString(), "memory:", "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("--resume").contains("20 records");
    assertThat(run("import", orders.toString(), "memory:", "--state", state(), "--resume")).isZero();
    assertThat(out.toString()).contains("50 read, 30 written");
  }

  @Test
  void aKilledCopyResumesWritingNoRecordTwiceAndMissingNone() throws Exception {
    Path source = dir.resolve("big.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      sb.append("{\"id\":\"r").append(i).append("\",\"n\":").append(i).append(",\"pad\":\"").append("x".repeat(100)).append("\"}\n");
    }
    Files.writeString(source, sb);
    String target = "sqlite:" + dir.resolve("resumed.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Dataknobs.class.getName(), "import", source.toString(),
        target, "--batch-size", "200", "--state", state(), "--no-progress").redirectErrorStream(true).start();
    Path checkpoint = dir.resolve("state.json");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && (!Files.exists(checkpoint) || io.dataknobs.cli.CliRun.copied(checkpoint) < 5_000)) {
      Thread.sleep(20);
      assertThat(p.isAlive()).as("the copy ran until it was killed").isTrue();
    }
    p.destroyForcibly().waitFor();
    long before = io.dataknobs.cli.CliRun.copied(checkpoint);
    assertThat(before).isBetween(5_000L, 59_999L);
    assertThat(run("import", source.toString(), target, "--state", state())).isEqualTo(2);
    assertThat(run("import", source.toString(), target, "--state", state(), "--resume", "--verify")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("60,000 read").contains("verify: 60,000 source records, 60,000 in the target in all; 0 missing, 0 different");
    try (Database db = DatabaseFactory.standard().open("sqlite", Map.of("path", dir.resolve("resumed.db").toString()))) {
      assertThat(db.count()).isEqualTo(60_000);
      assertThat(db.read("r59999")).get().satisfies(r -> assertThat(r.data()).containsEntry("n", 59_999L));
    }
  }

  @Test
  void locationsAreParsedAsTyped() {
    Location pg = Location.parse("postgresql://app:s3cret@db.example:5433/shop?table=orders", null, k -> null);
    assertThat(pg.backend()).isEqualTo("postgres");
    assertThat(pg.settings()).containsEntry("url", "postgresql://app:s3cret@db.example:5433/shop").containsEntry("table", "orders");
    assertThat(pg.toString()).doesNotContain("s3cret").contains("app:***@db.example:5433/shop").contains("table=orders");
    Location pgEnv = Location.parse("postgres://app@db/shop", null, k -> k.equals("PGPASSWORD") ? "pw" : null);
    assertThat(pgEnv.settings()).containsEntry("password", "pw");
    assertThat(pgEnv.toString()).doesNotContain("pw");
    Location s3 = Location.parse("s3://bucket/archive/2024?endpoint_url=http://localhost:9000&path_style=true", null, k -> null);
    assertThat(s3.settings()).containsEntry("bucket", "bucket").containsEntry("prefix", "archive/2024/")
        .containsEntry("endpoint_url", "http://localhost:9000").containsEntry("path_style", "true");
    Location es = Location.parse("http://localhost:9200/orders", null, k -> k.equals("ELASTIC_PASSWORD") ? "pw" : null);
    assertThat(es.backend()).isEqualTo("elasticsearch");
    assertThat(es.settings()).containsEntry("hosts", "http://localhost:9200").containsEntry("index", "orders").containsEntry("password", "pw");
    assertThat(es.toString()).doesNotContain("pw");
    assertThat(Location.parse("a.duckdb", null, k -> null).backend()).isEqualTo("duckdb");
    assertThat(Location.parse("app.db", null, k -> null).backend()).isEqualTo("sqlite");
    assertThat(Location.parse("out.parquet", null, k -> null).backend()).isEqualTo("file");
    assertThat(Location.parse("sqlite:x.db?table=t", null, k -> null).settings()).containsEntry("path", "x.db").containsEntry("table", "t");
  }

  @Test
  void aDirectoryOfPartFilesImportsAsOneSource() throws Exception {
    Path parts = Files.createDirectory(dir.resolve("parts"));
    Files.writeString(parts.resolve("part-0.jsonl"), "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":2}\n");
    Files.writeString(parts.resolve("part-1.jsonl"), "{\"id\":\"c\",\"n\":3}\n");
    assertThat(run("import", parts.toString(), "sqlite:" + dir.resolve("p.db"), "--verify", "--state", state())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("3 read, 3 written").contains("0 missing, 0 different");
    assertThat(run("export", "sqlite:" + dir.resolve("p.db"), parts.toString(), "--state", state())).isEqualTo(2);
    assertThat(err.toString()).contains("read_only").contains("directory");
  }

  @Test
  void recordsWithEveryKindOfValueSurviveAFileRoundTrip() throws Exception {
    DatabaseFactory f = DatabaseFactory.standard();
    Path db = dir.resolve("values.db");
    try (Database d = f.open("sqlite", Map.of("path", db.toString()))) {
      d.create(Record.builder().id("a").put("when", java.time.Instant.parse("2024-01-02T03:04:05Z")).put("list", List.of(1L, "x"))
          .put("n", null).put("s", "12").metadata("m", 1L).build());
    }
    for (String ext : List.of("jsonl", "csv", "parquet")) {
      Path file = dir.resolve("values." + ext);
      assertThat(run("export", "sqlite:" + db, file.toString(), "--verify", "--state", state())).as(err.toString()).isZero();
      assertThat(run("import", file.toString(), "sqlite:" + dir.resolve("back-" + ext + ".db"), "--verify", "--state", state()))
          .as(err.toString()).isZero();
      assertThat(out.toString()).contains("0 missing, 0 different");
    }
  }
}

package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.core.DatabaseFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataknobs copy} from a real PostgreSQL server of this test's own that stops in the middle
 * of the copy: the copy ends with exit status 3 and a checkpoint, and once the server is back on
 * the same data and port, {@code --resume} finishes it with every record once.
 */
class CopyOutageTest {
  @TempDir
  Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private EmbeddedPostgres start(int port) throws Exception {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false).start();
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    return io.dataknobs.cli.CliRun.run(out, err, args);
  }

  @Test
  void aSourceServerThatStopsMidCopyEndsItWithStatusThreeAndResumeFinishesIt() throws Exception {
    int port = freePort();
    EmbeddedPostgres pg = start(port);
    int n = 120_000;
    Map<String, Object> pgConfig = Map.of("url", "jdbc:postgresql://localhost:" + port + "/postgres", "user", "postgres", "table", "src");
    try (Database db = DatabaseFactory.standard().open("postgres", pgConfig)) {
      List<Record> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(Record.of(String.format("s%06d", i), Map.of("n", i, "pad", "y".repeat(60))));
        if (batch.size() == 10_000) {
          db.createBatch(batch);
          batch.clear();
        }
      }
    }
    String source = "postgresql://postgres@localhost:" + port + "/postgres?table=src&connection_timeout=2s&command_timeout=10s";
    String target = "sqlite:" + dir.resolve("copy.db");
    Path state = dir.resolve("state.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> copy = CompletableFuture.supplyAsync(() -> run(out, err, "copy", source, target, "--batch-size", "200",
        "--state", state.toString(), "--no-progress"));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && (!Files.exists(state) || io.dataknobs.cli.CliRun.copied(state) < 2_000) && !copy.isDone()) {
      Thread.sleep(2);
    }
    assertThat(copy.isDone()).as("the copy was still running when the server stopped").isFalse();
    pg.close();
    int status = copy.get();
    assertThat(status).as(out + "\n" + err).isEqualTo(3);
    assertThat(err.toString()).contains("--resume");
    long before = io.dataknobs.cli.CliRun.copied(state);
    assertThat(before).isBetween(2_000L, (long) n - 1);

    pg = start(port);
    try {
      StringWriter out2 = new StringWriter();
      StringWriter err2 = new StringWriter();
      assertThat(run(out2, err2, "copy", source, target, "--batch-size", "200", "--state", state.toString(), "--no-progress", "--resume",
          "--verify")).as(out2 + "\n" + err2).isZero();
      assertThat(out2.toString()).contains(String.format("%,d read", n)).contains("0 missing, 0 different");
      try (Database db = DatabaseFactory.standard().open("sqlite", Map.of("path", dir.resolve("copy.db").toString()))) {
        assertThat(db.count()).isEqualTo(n);
      }
    } finally {
      pg.close();
    }
  }
}

package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.testservers.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writing JVM killed with SIGKILL in the middle of {@code streamWrite}: on reopening, every
 * record of every acknowledged call is there and intact, and of the call in flight each batch is
 * there whole or not at all.
 */
class KillDuringStreamWriteTest {
  @TempDir
  Path dir;

  private Map<String, Object> config(String backend) {
    Map<String, Object> c = new LinkedHashMap<>();
    switch (backend) {
      case "sqlite", "duckdb" -> c.put("path", dir.resolve("killed." + backend).toString());
      default -> {
        c.putAll(PostgresServer.shared().config());
        c.put("schema", "killed");
        c.put("table", "t" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000);
      }
    }
    c.put("table", c.getOrDefault("table", "records"));
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "duckdb", "postgres"})
  void acknowledgedRecordsSurviveSigkillAndNoBatchIsHalfWritten(String backend) throws Exception {
    Map<String, Object> config = config(backend);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), WriterChild.class.getName(), backend));
    config.forEach((k, v) -> cmd.add(k + "=" + v));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    AtomicInteger acked = new AtomicInteger(-1);
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("ACK ")) {
            acked.set(Integer.parseInt(line.substring(4)));
          } else if (output.length() < 20_000) {
            output.append(line).append('\n');
          }
        }
      } catch (java.io.IOException e) {
        // the child is gone
      }
    });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (acked.get() < 2 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(acked.get()).as("the child acknowledged three calls; its output:\n" + output).isGreaterThanOrEqualTo(2);
    Thread.sleep(37 + (System.nanoTime() % 150)); // somewhere inside the next call
    int ackedBeforeKill = acked.get();
    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    int lastAcked = Math.max(ackedBeforeKill, acked.get());

    try (Database db = DatabaseFactory.standard().open(backend, config)) {
      Map<String, Record> stored = new HashMap<>();
      try (Stream<Record> s = db.streamRead(Query.all())) {
        s.forEach(r -> stored.put(r.id(), r));
      }
      for (int call = 0; call <= lastAcked; call++) {
        for (int i = 0; i < WriterChild.PER_CALL; i++) {
          Record expected = WriterChild.record(call, i);
          assertThat(stored.get(expected.id())).as(backend + ": acknowledged record " + expected.id()).isEqualTo(expected);
        }
      }
      Map<String, Integer> perBatch = new HashMap<>();
      for (Record r : stored.values()) {
        assertThat(r.get("v")).as("intact " + r.id()).isEqualTo(WriterChild.payload(r.id()));
        if ((Long) r.get("call") > lastAcked) {
          perBatch.merge(r.id().substring(0, r.id().lastIndexOf('-')), 1, Integer::sum);
        }
      }
      assertThat(perBatch.values()).as(backend + ": batches of the call in flight are whole or absent: " + perBatch)
          .allMatch(n -> n == WriterChild.BATCH);
      assertThat(stored.size()).as(backend + ": nothing beyond the acknowledged calls and whole batches")
          .isEqualTo((lastAcked + 1) * WriterChild.PER_CALL + perBatch.size() * WriterChild.BATCH);
    }
  }
}

package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.testservers.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One million records stream through a JVM of 64 MB heap: memory stays at the buffer, not the result. */
class BoundedMemoryStreamTest {
  private static final int N = 1_000_000;

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "duckdb", "postgres"})
  void aMillionRecordsStreamInSixtyFourMegabytes(String backend) throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    if (backend.equals("postgres")) {
      config.putAll(PostgresServer.shared().config());
      config.put("schema", "bounded");
      config.put("table", "million_" + ProcessHandle.current().pid());
    } else {
      config.put("path", dir.resolve("million." + backend).toString());
    }
    try (Database db = DatabaseFactory.standard().open(backend, config)) {
      db.clear();
      db.streamWrite(IntStream.range(0, N).mapToObj(i -> Record.of(String.format("m%07d", i), Map.of("n", (long) i, "s", "row " + i))),
          StreamConfig.builder().batchSize(10_000).build());
      assertThat(db.count()).isEqualTo(N);
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), StreamReaderChild.class.getName(), backend));
    config.forEach((k, v) -> cmd.add(k + "=" + v));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(out).isZero();
    long sum = (long) N * (N - 1) / 2;
    assertThat(out).as(out).contains("STREAMED " + N + " " + sum);
    if (backend.equals("postgres")) {
      try (Database db = DatabaseFactory.standard().open(backend, config)) {
        db.clear();
      }
    }
  }
}

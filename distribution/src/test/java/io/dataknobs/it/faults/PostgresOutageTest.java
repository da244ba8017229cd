package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL server of this test's own, stopped in the middle of a stream and started
 * again on the same data and port; and a pool of one connection held by a stream.
 */
class PostgresOutageTest {
  @TempDir
  Path data;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private EmbeddedPostgres start(int port) throws Exception {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data.resolve("pg")).setCleanDataDirectory(false).start();
  }

  private static Map<String, Object> config(int port, Object... more) {
    Map<String, Object> c = new java.util.LinkedHashMap<>(Map.of("url", "jdbc:postgresql://localhost:" + port + "/postgres",
        "user", "postgres", "table", "outage", "connection_timeout", "2s", "command_timeout", "10s"));
    for (int i = 0; i < more.length; i += 2) {
      c.put((String) more[i], more[i + 1]);
    }
    return c;
  }

  private static List<Record> records(int from, int n) {
    List<Record> out = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      out.add(Record.of(String.format("o%06d", i), Map.of("n", i)));
    }
    return out;
  }

  @Test
  void aServerStoppedMidStreamGivesTypedErrorsAndTheSameDatabaseWorksAfterTheRestart() throws Exception {
    int port = freePort();
    EmbeddedPostgres pg = start(port);
    try (Database db = DatabaseFactory.standard().open("postgres", config(port))) {
      db.createBatch(records(0, 20_000));
      long before = System.nanoTime();
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(100).build())) {
        Iterator<Record> it = s.iterator();
        for (int i = 0; i < 500; i++) {
          it.next();
        }
        pg.close(); // the server stops (fast shutdown): the cursor's connection is cut
        assertThatThrownBy(() -> {
          while (it.hasNext()) {
            it.next();
          }
        }).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("transient");
      }
      assertThatThrownBy(() -> db.create(Record.of("during", Map.of())))
          .as("a write while the server is down").isInstanceOf(BackendUnavailableException.class);
      assertThatThrownBy(db::count).isInstanceOf(BackendUnavailableException.class);
      io.dataknobs.api.Health down = db.health(java.time.Duration.ofSeconds(30));
      assertThat(down.isUp()).as("%s", down).isFalse();
      assertThat(down.message()).contains("BackendUnavailableException");
      assertThat((System.nanoTime() - before) / 1_000_000_000.0).as("seconds until the typed errors, within the timeouts").isLessThan(60);

      pg = start(port); // same data, same port
      // what an operator's probe does: wait until the engine answers again (the pool backs off between attempts)
      long until = System.nanoTime() + 30_000_000_000L;
      io.dataknobs.api.Health again = db.health(java.time.Duration.ofSeconds(5));
      while (!again.isUp() && System.nanoTime() < until) {
        Thread.sleep(200);
        again = db.health(java.time.Duration.ofSeconds(5));
      }
      assertThat(again.isUp()).as("up again after the restart: %s", again).isTrue();
      assertThat(db.count()).as("the same Database, not reopened, sees every acknowledged record").isEqualTo(20_000);
      db.createBatch(records(20_000, 10));
      assertThat(db.read("o020009")).isPresent();
    } finally {
      pg.close();
    }
  }

  @Test
  void aFullPoolFailsAfterConnectionTimeoutAndRecoversOnceReleased() throws Exception {
    int port = freePort();
    try (EmbeddedPostgres pg = start(port);
        Database db = DatabaseFactory.standard().open("postgres", config(port, "max_connections", 1, "min_connections", 0,
            "connection_timeout", "1s", "table", "pool"))) {
      db.createBatch(records(0, 2_000));
      Stream<Record> held = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(10).build());
      Iterator<Record> it = held.iterator();
      it.next(); // the stream's cursor holds the only connection
      long t0 = System.nanoTime();
      assertThatThrownBy(db::count).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("transient");
      double waited = (System.nanoTime() - t0) / 1e9;
      assertThat(waited).as("failed after connection_timeout, not at once").isGreaterThanOrEqualTo(0.9);
      io.dataknobs.api.Health exhausted = db.health(java.time.Duration.ofSeconds(10));
      assertThat(exhausted.isUp()).as("%s", exhausted).isFalse();
      assertThat(exhausted.details()).containsEntry("pool.active", 1).containsEntry("pool.total", 1);
      held.close();
      assertThat(db.health(java.time.Duration.ofSeconds(10)).details()).containsEntry("pool.active", 0);
      assertThat(db.count()).as("recovered once the connection is back").isEqualTo(2_000);
    }
  }
}

package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.cli.OsgiContainerAccess;
import io.dataknobs.testservers.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's path in the container: a configuration file in deploy/ becomes a Database
 * service once its backend bundle arrives, an edit reopens it while calls keep succeeding, a
 * wrong key is logged naming the file and key, and deleting the file takes the service and its
 * pool away.
 */
class ConfiguredDatabaseIT {
  @TempDir
  Path work;

  private static String cfg(String table, String schema, String... more) {
    StringBuilder sb = new StringBuilder("backend = postgres\ntable = " + table + "\nschema = " + schema + "\n");
    PostgresServer.shared().config().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    for (String m : more) {
      sb.append(m).append('\n');
    }
    return sb.toString();
  }

  @Test
  void aConfigurationFileBecomesADatabaseServiceThatFollowsTheFile() throws Exception {
    Path lib = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    Path deploy = work.resolve("deploy");
    Files.createDirectories(deploy);
    Path postgres = ContainerIT.bundle(lib, "dataknobs-backend-postgres");
    Path cache = ContainerIT.bundle(lib, "dataknobs-decorator-cache");
    String schema = PostgresServer.shared().freshSchema("osgi");
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeStream(err, log), true, StandardCharsets.UTF_8));
    try (OsgiContainerAccess c = new OsgiContainerAccess(lib, deploy, work.resolve("cache"))) {
      ContainerIT.await("the factory service", () -> c.factory() != null);
      Path orders = deploy.resolve("io.dataknobs.database-orders.cfg");
      Files.writeString(orders, cfg("orders", schema));
      Files.writeString(deploy.resolve("io.dataknobs.database-typo.cfg"), cfg("typo", schema, "tabel = x"));
      Thread.sleep(1_500);
      assertThat(c.databases()).as("the backend is not deployed yet: the database waits").isEmpty();

      Files.copy(postgres, deploy.resolve(postgres.getFileName()));
      ContainerIT.await("the orders database service", () -> c.databases().containsKey("orders"));
      assertThat(c.databases()).containsEntry("orders", "postgres").doesNotContainKey("typo");
      ContainerIT.await("the typo logged", () -> log.toString(StandardCharsets.UTF_8).contains("io.dataknobs.database-typo.cfg"));
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("tabel").contains("table");
      assertThat(c.poolCount()).isEqualTo(1);

      Object db = c.database("orders");
      Class<?> dbType = db.getClass().getInterfaces()[0];
      Class<?> recordClass = dbType.getClassLoader().loadClass("io.dataknobs.api.Record");
      Method of = recordClass.getMethod("of", String.class, Map.class);
      Method create = dbType.getMethod("create", recordClass);
      Method count = dbType.getMethod("count");
      create.invoke(db, of.invoke(null, "first", Map.of("n", 1L)));
      assertThat(count.invoke(db)).isEqualTo(1L);

      // the shell's commands, as an operator types them
      assertThat(c.shell("dataknobs:databases")).containsPattern("orders\\s+postgres").doesNotContain("typo");
      assertThat(c.shell("dataknobs:backends")).contains("postgres");
      assertThat(c.shell("dataknobs:poolInfo")).contains("OWNER").contains("postgres");
      assertThat(c.shell("dataknobs:count orders")).isEqualTo("1");
      assertThat(c.shell("dataknobs:count orders '{\"where\": {\"field\": \"n\", \"op\": \"GT\", \"value\": 5}}'")).isEqualTo("0");
      assertThat(c.shell("dataknobs:get orders first")).contains("first").contains("n=1");
      assertThat(c.shell("dataknobs:query orders")).contains("first");

      // calls keep going while the file is edited: none fails, and the new table takes over
      AtomicInteger done = new AtomicInteger();
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
            create.invoke(db, of.invoke(null, "during-" + i, Map.of("n", (long) i)));
            // (a read right after a create may reach the new instance, which holds another table: only failures count)
            dbType.getMethod("read", String.class).invoke(db, "during-" + i);
            done.incrementAndGet();
          }
        } catch (Throwable t) {
          if (!(t instanceof InterruptedException)) {
            failed.set(t);
          }
        }
      });
      caller.start();
      ContainerIT.await("calls under way", () -> done.get() > 20);
      Method read = dbType.getMethod("read", String.class);
      Files.writeString(orders, cfg("orders_v2", schema, "cache.records.max_size = 100"));
      Thread.sleep(1_500);
      assertThat(log.toString(StandardCharsets.UTF_8)).as("a section whose decorator is not deployed is logged")
          .contains("io.dataknobs.database-orders.cfg").contains("cache");
      assertThat((java.util.Optional<?>) read.invoke(db, "first")).as("the old instance serves meanwhile").isPresent();
      Files.copy(cache, deploy.resolve(cache.getFileName()));
      ContainerIT.await("the new table in use once the cache decorator is deployed", () -> {
        try {
          return ((java.util.Optional<?>) read.invoke(db, "first")).isEmpty();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      });
      int before = done.get();
      ContainerIT.await("calls go on after the edit (" + failed.get() + ")", () -> done.get() > before + 20 || failed.get() != null);
      caller.interrupt();
      caller.join(10_000);
      assertThat(failed.get()).as("no call failed across the reconfiguration").isNull();
      assertThat(c.database("orders").toString()).contains("orders").contains("postgres");

      Files.delete(orders);
      ContainerIT.await("the service gone", () -> !c.databases().containsKey("orders"));
      ContainerIT.await("its pool closed", () -> c.poolCount() == 0);
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void aYamlFileDeclaresSeveralDatabasesAndFollowsItsEdits() throws Exception {
    Path lib = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    Path deploy = Files.createDirectories(work.resolve("deploy"));
    Files.copy(ContainerIT.bundle(lib, "dataknobs-backend-memory"), deploy.resolve("memory.jar"));
    Files.copy(ContainerIT.bundle(lib, "dataknobs-backend-sqlite"), deploy.resolve("sqlite.jar"));
    Files.copy(ContainerIT.bundle(lib, "dataknobs-decorator-cache"), deploy.resolve("cache.jar"));
    Path yaml = deploy.resolve("app.yaml");
    try (OsgiContainerAccess c = new OsgiContainerAccess(lib, deploy, work.resolve("cache"))) {
      Files.writeString(yaml, "databases:\n  notes:\n    backend: memory\n  store:\n    backend: sqlite\n    path: "
          + work.resolve("store.db") + "\n    cache:\n      records:\n        max_size: 10\n");
      ContainerIT.await("both databases", () -> c.databases().equals(Map.of("notes", "memory", "store", "sqlite")));
      Object store = c.database("store");
      Class<?> dbType = store.getClass().getInterfaces()[0];
      Class<?> recordClass = dbType.getClassLoader().loadClass("io.dataknobs.api.Record");
      dbType.getMethod("create", recordClass).invoke(store, recordClass.getMethod("of", String.class, Map.class).invoke(null, "s1", Map.of()));
      Method read = dbType.getMethod("read", String.class);
      assertThat((java.util.Optional<?>) read.invoke(store, "s1")).isPresent();

      Files.writeString(yaml, "databases:\n  store:\n    backend: sqlite\n    path: " + work.resolve("store2.db") + "\n");
      ContainerIT.await("notes taken out", () -> c.databases().equals(Map.of("store", "sqlite")));
      ContainerIT.await("store reopened on its new file", () -> {
        try {
          return ((java.util.Optional<?>) read.invoke(store, "s1")).isEmpty();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      });

      Files.delete(yaml);
      ContainerIT.await("all gone with the file", () -> c.databases().isEmpty());
    }
  }

  /** Writes to two streams: the test's own stderr and a buffer the test reads the container's log from. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }

}

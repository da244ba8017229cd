package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.cli.OsgiContainerAccess;
import io.dataknobs.testservers.PostgresServer;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's "measure" step: a container started with a metrics port serves, in Prometheus
 * format, the meters of a configured database with {@code metrics: true} after a workload: its
 * operations, HikariCP's pool, the Caffeine cache, the Resilience4j bulkhead, its health, and
 * the JVM's; the shell shows the same, and the database's health.
 */
class MetricsEndpointIT {
  @TempDir
  Path work;

  private record Response(int status, String contentType, String body) {}

  /** A GET over a real socket, as a scraper makes it. */
  private static Response get(int port, String path) throws Exception {
    HttpURLConnection http = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
    http.setConnectTimeout(10_000);
    http.setReadTimeout(30_000);
    try {
      int status = http.getResponseCode();
      String body = status == 200 ? new String(http.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) : "";
      return new Response(status, http.getContentType(), body);
    } finally {
      http.disconnect();
    }
  }

  @Test
  void scrapedMetricsShowOperationsPoolCacheLimitsAndHealthAfterAWorkload() throws Exception {
    Path lib = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    Path deploy = Files.createDirectories(work.resolve("deploy"));
    for (String b : new String[] {"dataknobs-backend-postgres", "dataknobs-decorator-cache", "dataknobs-decorator-resilience",
        "dataknobs-decorator-metrics"}) {
      Path jar = ContainerIT.bundle(lib, b);
      Files.copy(jar, deploy.resolve(jar.getFileName()));
    }
    StringBuilder cfg = new StringBuilder("backend = postgres\ntable = orders\nschema = " + PostgresServer.shared().freshSchema("scrape")
        + "\ncache.records.max_size = 1000\nbulkhead.max_concurrent = 8\nmetrics = true\n");
    PostgresServer.shared().config().forEach((k, v) -> cfg.append(k).append(" = ").append(v).append('\n'));

    try (OsgiContainerAccess c = new OsgiContainerAccess(lib, deploy, work.resolve("cache"), 0)) {
      ContainerIT.await("the metrics endpoint (unresolved: " + c.unresolved() + ")", () -> c.metricsPort() > 0);
      Files.writeString(deploy.resolve("io.dataknobs.database-orders.cfg"), cfg);
      ContainerIT.await("the orders database", () -> c.databases().containsKey("orders"));
      Object db = c.database("orders");
      Class<?> dbType = db.getClass().getInterfaces()[0];
      Class<?> recordClass = dbType.getClassLoader().loadClass("io.dataknobs.api.Record");
      Method of = recordClass.getMethod("of", String.class, Map.class);
      Method create = dbType.getMethod("create", recordClass);
      Method read = dbType.getMethod("read", String.class);
      for (int i = 0; i < 30; i++) {
        create.invoke(db, of.invoke(null, "o" + i, Map.of("n", (long) i)));
      }
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 30; i++) {
          assertThat((Optional<?>) read.invoke(db, "o" + i)).isPresent();
        }
      }
      Response scrape = get(c.metricsPort(), "/metrics");
      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.contentType()).startsWith("text/plain");
      String body = scrape.body();
      // per operation, with percentiles
      assertThat(body).containsPattern("dataknobs_operation_seconds_count\\{[^}]*database=\"orders\"[^}]*operation=\"create\""
          + "[^}]*outcome=\"success\"[^}]*} 30");
      assertThat(body).containsPattern("dataknobs_operation_seconds\\{[^}]*operation=\"read\"[^}]*quantile=\"0.99\"");
      // the pool (HikariCP's tracker), the cache (Caffeine's binder), the limit (Resilience4j's publisher)
      assertThat(body).contains("hikaricp_connections_active").contains("hikaricp_connections_acquire_seconds");
      assertThat(body).containsPattern("cache_gets_total\\{[^}]*cache=\"records\"[^}]*database=\"orders\"[^}]*result=\"hit\"[^}]*} 30");
      assertThat(body).containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"orders\"[^}]*} 8");
      // health, and the JVM
      assertThat(body).containsPattern("dataknobs_health\\{[^}]*database=\"orders\"[^}]*} 1");
      assertThat(body).contains("jvm_memory_used_bytes");
      assertThat(get(c.metricsPort(), "/other").status()).isEqualTo(404);

      // the same from the shell
      assertThat(c.shell("dataknobs:health")).containsPattern("orders\\s+UP postgres").contains("pool.total");
      String metrics = c.shell("dataknobs:metrics orders");
      assertThat(metrics).containsPattern("orders\\s+create\\s+success\\s+30").containsPattern("orders\\s+read\\s+success\\s+60")
          .contains("cache.gets").contains("resilience4j.bulkhead").contains("hikaricp.connections").contains("dataknobs.health");

      // deleting the configuration closes the database and takes its meters away
      Files.delete(deploy.resolve("io.dataknobs.database-orders.cfg"));
      ContainerIT.await("the service gone", () -> !c.databases().containsKey("orders"));
      String after = get(c.metricsPort(), "/metrics").body();
      assertThat(after).doesNotContain("database=\"orders\"").contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void theContainerCommandOpensTheEndpointAndSaysWhere() throws Exception {
    Path lib = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cl = io.dataknobs.cli.Dataknobs.commandLine();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(cl.execute("container", "--lib", lib.toString(), "--deploy", work.resolve("deploy").toString(), "--no-shell",
        "--metrics-port", "0", "--seconds", "2")).isZero();
    assertThat(out.toString()).containsPattern("metrics: http://localhost:\\d+/metrics");
  }
}

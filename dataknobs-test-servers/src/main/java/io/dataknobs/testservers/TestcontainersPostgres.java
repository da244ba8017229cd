package io.dataknobs.testservers;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** PostgreSQL in a container (only loaded when Docker answers). */
final class TestcontainersPostgres {
  static final String IMAGE = "postgres:17-alpine";

  private TestcontainersPostgres() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** @return url, user, password of a started container, stopped when the JVM exits */
  static String[] start() {
    PostgreSQLContainer<?> c = new PostgreSQLContainer<>(IMAGE);
    c.start();
    Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "postgres-container-stop"));
    return new String[] {c.getJdbcUrl(), c.getUsername(), c.getPassword()};
  }
}

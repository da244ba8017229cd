package io.dataknobs.testservers;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the test servers share: the order a server is chosen in (an environment variable naming
 * one, else Testcontainers when Docker answers, else one started in or beside the JVM) and
 * names no other test of this JVM uses.
 */
final class ServerChoice {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private ServerChoice() {}

  /**
   * Chooses and starts a server. Pass lambdas, not method references: a method reference loads
   * its class when it is created, and the Testcontainers and embedded server classes are only
   * on the class path of the modules that use them.
   *
   * @param variable the environment variable that may name a running server
   * @param given the server it names (the value trimmed)
   * @param container a server under Testcontainers, used when a Docker engine answers
   * @param local a server started without Docker
   */
  static <T> T pick(String variable, Function<String, T> given, Supplier<T> container, Supplier<T> local) {
    String value = System.getenv(variable);
    if (value != null && !value.isBlank()) {
      return given.apply(value.trim());
    }
    return dockerAnswers() ? container.get() : local.get();
  }

  /** @return {@code prefix}, this JVM's pid and a counter, joined by {@code separator}, in lower case */
  static String uniqueName(String prefix, String separator) {
    return (prefix + separator + ProcessHandle.current().pid() + separator + NAMES.incrementAndGet()).toLowerCase(Locale.ROOT);
  }

  /** Whether a Docker engine is reachable, checked without Testcontainers' slower probing when there is no socket. */
  private static boolean dockerAnswers() {
    boolean socket = System.getenv("DOCKER_HOST") != null || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
    if (!socket) {
      return false;
    }
    try {
      Class.forName("org.testcontainers.DockerClientFactory");
    } catch (ClassNotFoundException e) {
      return false;
    }
    return TestcontainersPostgres.dockerAvailable();
  }
}

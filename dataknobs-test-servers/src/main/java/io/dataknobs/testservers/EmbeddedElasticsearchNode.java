package io.dataknobs.testservers;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch in a child JVM. The server jars need JDK 21 or newer while the
 * build may run on 17, so the node runs on the first JDK found among: this JVM (when it is 21+),
 * {@value #JAVA_HOME_VARIABLE}, {@code JAVA_HOME}, and the JDKs installed under
 * {@code /usr/lib/jvm}, {@code /opt/java}, {@code ~/.sdkman/candidates/java} or
 * {@code /Library/Java/JavaVirtualMachines} (newest first). A small launcher (two classes in the
 * server's packages, since node construction is package-private) is compiled with that JDK
 * against the test class path, which must hold {@code org.elasticsearch:elasticsearch} and
 * {@code org.elasticsearch.plugin:transport-netty4}. The node stops when this JVM exits.
 */
final class EmbeddedElasticsearchNode {
  /** The environment variable naming a JDK 21+ for the node. */
  static final String JAVA_HOME_VARIABLE = "DATAKNOBS_TEST_ELASTICSEARCH_JAVA_HOME";
  private static final String LAUNCHER = "org.elasticsearch.node.DataknobsTestNode";
  private static final String READY = "DATAKNOBS-NODE ";

  private EmbeddedElasticsearchNode() {}

  static ElasticsearchServer start() {
    Running node = startProcess();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node.process(), node.home()), "elasticsearch-node-stop"));
    return new ElasticsearchServer(node.url(), "embedded");
  }

  /** A node process of its own: its URL, the process and its home folder. */
  record Running(String url, Process process, Path home) {
    /** Stops the node at once (SIGKILL) and deletes its home. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteTree(home);
    }

    /** Stops the node gently and deletes its home. */
    void stop() {
      EmbeddedElasticsearchNode.stop(process, home);
    }
  }

  static Running startProcess() {
    String classPath = System.getProperty("java.class.path");
    if (classPath == null || Stream.of(classPath.split(File.pathSeparator)).noneMatch(e -> e.contains("elasticsearch-9")
        || e.contains("elasticsearch" + File.separator + "elasticsearch"))) {
      throw new IllegalStateException("no Elasticsearch to test against: set " + ElasticsearchServer.URL_VARIABLE
          + ", or put org.elasticsearch:elasticsearch and org.elasticsearch.plugin:transport-netty4 on the test class path");
    }
    Path jdk = findJdk().orElseThrow(() -> new IllegalStateException("the embedded Elasticsearch node needs a JDK 21 or newer:"
        + " set " + JAVA_HOME_VARIABLE + " (or run the build on JDK 21+), or set " + ElasticsearchServer.URL_VARIABLE));
    try {
      Path home = Files.createTempDirectory("dataknobs-es-");
      Path launcher = compileLauncher(jdk, home, classPath);
      List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin").resolve("java").toString(), "-Xms384m", "-Xmx512m",
          "-XX:+UseSerialGC",
          "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true",
          "-cp", launcher + File.pathSeparator + classPath, LAUNCHER, home.resolve("node").toString()));
      Path log = home.resolve("node.log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try {
        return new Running(awaitUrl(p, log), p, home);
      } catch (IOException | RuntimeException e) {
        stop(p, home);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Elasticsearch node", e);
    }
  }

  /** Reads the child's output (copied to {@code log}) until it prints its URL; fails after two minutes or if it exits. */
  private static String awaitUrl(Process p, Path log) throws IOException {
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
           var out = Files.newBufferedWriter(log)) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith(READY)) {
            url.complete(line.substring(READY.length()).trim());
          } else {
            out.write(line);
            out.newLine();
            out.flush();
          }
        }
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
      url.completeExceptionally(new IllegalStateException("the embedded Elasticsearch node exited; its output is in " + log));
    }, "elasticsearch-node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return url.get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      p.destroyForcibly();
      throw new IllegalStateException(e.getCause().getMessage() + tail(log), e.getCause());
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IllegalStateException("the embedded Elasticsearch node did not start within 2 minutes" + tail(log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while starting the embedded Elasticsearch node", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void stop(Process p, Path home) {
    try {
      p.getOutputStream().close(); // the launcher stops when its standard input closes
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      p.destroyForcibly();
    }
    deleteTree(home);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder: best effort
    }
  }

  /** Compiles the launcher sources (resources of this package) with {@code jdk}'s javac into {@code home/launcher}. */
  private static Path compileLauncher(Path jdk, Path home, String classPath) throws IOException {
    Path src = home.resolve("launcher-src");
    Path out = home.resolve("launcher");
    Files.createDirectories(out);
    List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin").resolve("javac").toString(), "-nowarn", "-proc:none",
        "-encoding", "UTF-8", "-d", out.toString(), "-cp", classPath));
    for (String[] f : new String[][] {{"org/elasticsearch/plugins", "DataknobsClasspathPlugins"},
        {"org/elasticsearch/node", "DataknobsTestNode"}}) {
      Path dir = Files.createDirectories(src.resolve(f[0]));
      Path file = dir.resolve(f[1] + ".java");
      try (InputStream in = EmbeddedElasticsearchNode.class.getResourceAsStream("elasticsearch/" + f[1] + ".java.txt")) {
        if (in == null) {
          throw new IllegalStateException("launcher source " + f[1] + " is missing from dataknobs-tck");
        }
        Files.copy(in, file);
      }
      cmd.add(file.toString());
    }
    Process javac = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (javac.waitFor() != 0) {
        throw new IllegalStateException("cannot compile the Elasticsearch test launcher with " + jdk + ":\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling the Elasticsearch test launcher", e);
    }
    return out;
  }

  /** @return a JDK (with javac) of version 21 or newer, or empty */
  static Optional<Path> findJdk() {
    List<Path> candidates = new ArrayList<>();
    if (Runtime.version().feature() >= 21) {
      candidates.add(Path.of(System.getProperty("java.home")));
    }
    for (String v : new String[] {JAVA_HOME_VARIABLE, "JAVA_HOME"}) {
      String s = System.getenv(v);
      if (s != null && !s.isBlank()) {
        candidates.add(Path.of(s));
      }
    }
    List<Path> installed = new ArrayList<>();
    for (String root : new String[] {"/usr/lib/jvm", "/opt/java", System.getProperty("user.home") + "/.sdkman/candidates/java",
        "/Library/Java/JavaVirtualMachines"}) {
      Path r = Path.of(root);
      if (Files.isDirectory(r)) {
        try (Stream<Path> s = Files.list(r)) {
          s.map(d -> Files.isDirectory(d.resolve("Contents/Home")) ? d.resolve("Contents/Home") : d).forEach(installed::add);
        } catch (IOException e) {
          // unreadable folder: skip it
        }
      }
    }
    installed.sort(Comparator.comparingInt(EmbeddedElasticsearchNode::feature).reversed());
    candidates.addAll(installed);
    return candidates.stream().filter(d -> feature(d) >= 21 && Files.isExecutable(d.resolve("bin").resolve("javac"))).findFirst();
  }

  /** @return the feature version in a JDK's {@code release} file, or 0 */
  private static int feature(Path jdk) {
    try {
      for (String line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          String head = v.split("[.+-]")[0];
          return Integer.parseInt(head.equals("1") ? v.split("\\.")[1] : head);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}

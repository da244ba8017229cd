package io.dataknobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dataknobs container}: an OSGi container that hot-deploys backend bundles from a folder. */
@Command(name = "container", mixinStandardHelpOptions = true,
    description = {"Start Apache Felix with the shared bundles of lib/ and watch a deploy folder: copy a backend bundle",
        "or decorator bundle (lib/dataknobs-backend-*.jar, lib/dataknobs-decorator-*.jar, or your own) into it to add it,",
        "overwrite it to update, delete it to remove it. A configuration file there (io.dataknobs.database-NAME.cfg:",
        "backend = postgres, its keys, cache.records.max_size = 1000, …) makes a Database service named NAME."})
final class ContainerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--deploy", paramLabel = "DIR", description = "Folder to watch (default: deploy/ beside lib/).")
  Path deploy;

  @Option(names = "--lib", paramLabel = "DIR", description = "Shared bundles to install (default: the tool's lib/).")
  Path lib;

  @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: run until interrupted).")
  Long seconds;

  @Option(names = "--shell", negatable = true,
      description = "Offer the Gogo shell on this terminal (dataknobs:databases, dataknobs:poolInfo, dataknobs:count NAME, …; default: when"
          + " run in a terminal); --no-shell runs headless.")
  Boolean shell;

  @Option(names = "--metrics-port", paramLabel = "N",
      description = "Serve the meters of the databases with 'metrics: true' (operations, pools, caches, limits, health) and of the"
          + " JVM in Prometheus format at http://HOST:N/metrics (default: no endpoint).")
  Integer metricsPort;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path libDir = lib != null ? lib : Path.of(ContainerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    Path deployDir = deploy != null ? deploy : libDir.resolveSibling("deploy");
    Path storage = Files.createTempDirectory("dataknobs-felix");
    boolean console = shell != null ? shell : System.console() != null;
    try (OsgiContainer c = new OsgiContainer(libDir, deployDir, storage, console, metricsPort)) {
      out.println("OSGi container started; watching " + deployDir.toAbsolutePath());
      if (metricsPort != null) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (c.metricsPort() < 0 && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        out.println(c.metricsPort() < 0 ? "metrics: the endpoint did not open (see the log above)"
            : "metrics: http://localhost:" + c.metricsPort() + "/metrics");
      }
      out.flush();
      long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
      List<String> shown = null;
      java.util.Map<String, String> shownDatabases = java.util.Map.of();
      List<String> problems = List.of();
      while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
        List<String> now = c.backends();
        if (!now.equals(shown)) {
          out.println("backends: " + now + "   decorators: " + c.decorators());
          out.flush();
          shown = now;
        }
        java.util.Map<String, String> databases = c.databases();
        if (!databases.equals(shownDatabases)) {
          out.println("databases: " + databases);
          out.flush();
          shownDatabases = databases;
        }
        List<String> unresolved = c.unresolved();
        if (!unresolved.equals(problems)) {
          for (String u : unresolved) {
            if (!problems.contains(u)) {
              err.println("unresolved: " + u);
            }
          }
          err.flush();
          problems = unresolved;
        }
        Thread.sleep(250);
      }
    }
    return 0;
  }
}

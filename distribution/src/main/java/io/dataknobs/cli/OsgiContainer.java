package io.dataknobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An Apache Felix framework with the shared bundles of {@code lib/} installed (api, core,
 * drivers, Jackson, Caffeine, Resilience4j, SLF4J, the ServiceLoader Mediator) and Felix File
 * Install watching a deploy folder: a backend bundle dropped there appears in the
 * {@code DatabaseFactory} service within a second or two, an overwritten one is updated, a
 * deleted one disappears (and core closes its pools). Backend bundles in {@code lib/} are left
 * to the deploy folder. The container talks to the bundles reflectively: their classes live in
 * bundle class loaders.
 */
final class OsgiContainer implements AutoCloseable {
  private final Framework felix;
  private final boolean console;

  /**
   * @param lib the jars to install (non-bundles and backend bundles are skipped)
   * @param deploy the folder File Install watches (created if missing)
   * @param storage the framework's cache directory (emptied on start)
   */
  OsgiContainer(Path lib, Path deploy, Path storage) throws IOException, BundleException {
    this(lib, deploy, storage, false);
  }

  /**
   * @param shell whether to start Gogo's console on this process's standard input and output
   *     (without it the {@code dataknobs:} commands still run through {@link #shell})
   */
  OsgiContainer(Path lib, Path deploy, Path storage, boolean shell) throws IOException, BundleException {
    this(lib, deploy, storage, shell, null);
  }

  /**
   * @param metricsPort the port of the Prometheus endpoint ({@code /metrics}; 0: any free port), or
   *     null for none
   */
  OsgiContainer(Path lib, Path deploy, Path storage, boolean shell, Integer metricsPort) throws IOException, BundleException {
    Files.createDirectories(deploy);
    Map<String, String> cfg = new HashMap<>();
    cfg.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
    cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    // no implicit boot delegation: a ServiceLoader inside a bundle (SLF4J's) must not find the host's copy of a provider
    cfg.put("felix.bootdelegation.implicit", "false");
    cfg.put("felix.fileinstall.dir", deploy.toAbsolutePath().toString());
    cfg.put("felix.fileinstall.poll", "500");
    cfg.put("felix.fileinstall.noInitialDelay", "true");
    cfg.put("felix.fileinstall.log.level", "1");
    // the standard launcher API: Felix's own classes are not exported to named modules
    FrameworkFactory frameworks = java.util.ServiceLoader.load(FrameworkFactory.class, OsgiContainer.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no OSGi framework (org.apache.felix.framework) on the class path"));
    // the console stops the framework when its input ends only if told to
    cfg.put("gosh.args", "--noshutdown");
    // the JDK's HTTP server, for the metrics endpoint
    cfg.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "com.sun.net.httpserver");
    if (metricsPort != null) {
      cfg.put("dataknobs.metrics.port", String.valueOf(metricsPort));
    }
    felix = frameworks.newFramework(cfg);
    this.console = shell;
    felix.start();
    try {
      installShared(lib);
    } catch (IOException | BundleException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void installShared(Path lib) throws IOException, BundleException {
    BundleContext ctx = felix.getBundleContext();
    List<Bundle> installed = new ArrayList<>();
    List<Path> jars;
    try (Stream<Path> s = Files.list(lib)) {
      jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      if (name.startsWith("dataknobs-backend-") || name.startsWith("dataknobs-decorator-") || name.startsWith("dataknobs-distribution") || name.startsWith("org.apache.felix.framework")
          || !isBundle(jar) || !console && name.startsWith("org.apache.felix.gogo.shell")) {
        continue; // headless: no console (Gogo's runtime and commands stay, for the dataknobs: commands)
      }
      installed.add(ctx.installBundle(jar.toUri().toString()));
    }
    // the mediator first (it must see provider bundles start), File Install last (it deploys them)
    installed.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    // resolve them as one set first: an optional import (HikariCP's of Micrometer) is wired only if its provider resolves
    // in the same pass, and is never retried afterwards
    felix.adapt(org.osgi.framework.wiring.FrameworkWiring.class).resolveBundles(installed);
    for (Bundle b : installed) {
      if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        try {
          b.start();
        } catch (BundleException e) {
          if (e.getType() != BundleException.RESOLVE_ERROR) {
            throw e;
          }
          // a shared bundle that cannot resolve stays installed, and unresolved() says why; the rest runs
        }
      }
    }
  }

  private static int rank(Bundle b) {
    String n = String.valueOf(b.getSymbolicName());
    // the mediator, then the logging bundles (a logger taken before the provider starts stays silent), File Install last
    return n.contains("spifly") ? 0 : n.startsWith("slf4j.") ? 1 : n.contains("fileinstall") ? 3 : 2;
  }

  private static boolean isBundle(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.getManifest() != null && j.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null;
    }
  }

  /** @return the port the Prometheus endpoint listens on, or -1 while there is none */
  int metricsPort() {
    try {
      ServiceReference<?>[] refs = felix.getBundleContext().getAllServiceReferences("io.micrometer.core.instrument.MeterRegistry",
          "(dataknobs.metrics.port=*)");
      return refs == null ? -1 : ((Number) refs[0].getProperty("dataknobs.metrics.port")).intValue();
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the core bundle's {@code DatabaseFactory} service, or null before core has started */
  Object factory() {
    try {
      // getAll…: the host's own class path also holds DatabaseFactory (the command line tool)
      ServiceReference<?>[] refs = felix.getBundleContext().getAllServiceReferences("io.dataknobs.core.DatabaseFactory", null);
      return refs == null ? null : felix.getBundleContext().getService(refs[0]);
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the backends the factory offers now, sorted */
  List<String> backends() {
    return names("backends");
  }

  /** @return the decorators the factory offers now, sorted */
  List<String> decorators() {
    return names("decorators");
  }

  private List<String> names(String method) {
    Object f = factory();
    if (f == null) {
      return List.of();
    }
    try {
      List<String> out = new ArrayList<>();
      ((Collection<?>) f.getClass().getMethod(method).invoke(f)).forEach(n -> out.add(String.valueOf(n)));
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot ask the factory for its " + method + ": " + e, e);
    }
  }

  /** @return the configured databases registered now: name to backend, sorted by name */
  java.util.SortedMap<String, String> databases() {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    for (ServiceReference<?> r : databaseReferences(null)) {
      out.put(String.valueOf(r.getProperty("dataknobs.name")), String.valueOf(r.getProperty("dataknobs.backend")));
    }
    return out;
  }

  /** @return the {@code Database} service of the configured database {@code name}, or null */
  Object database(String name) {
    ServiceReference<?>[] refs = databaseReferences("(dataknobs.name=" + name + ")");
    return refs.length == 0 ? null : felix.getBundleContext().getService(refs[0]);
  }

  private ServiceReference<?>[] databaseReferences(String filter) {
    try {
      ServiceReference<?>[] refs = felix.getBundleContext().getAllServiceReferences("io.dataknobs.api.Database", filter);
      return refs == null ? new ServiceReference<?>[0] : refs;
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalArgumentException("not a database name: " + filter, e);
    }
  }

  /**
   * Runs a Gogo command line ({@code dataknobs:databases}) in a session of its own.
   *
   * @return what the command returned, as text ("" for nothing), or what it printed
   */
  String shell(String command) {
    try {
      BundleContext ctx = felix.getBundleContext();
      ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.apache.felix.service.command.CommandProcessor", null);
      if (refs == null) {
        throw new IllegalStateException("no Gogo runtime in the container");
      }
      Object processor = ctx.getService(refs[0]);
      java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
      java.io.PrintStream out = new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8);
      Object session = processor.getClass().getMethod("createSession", java.io.InputStream.class, java.io.OutputStream.class,
          java.io.OutputStream.class).invoke(processor, new java.io.ByteArrayInputStream(new byte[0]), out, out);
      try {
        java.lang.reflect.Method execute = session.getClass().getMethod("execute", CharSequence.class);
        execute.setAccessible(true);
        Object result = execute.invoke(session, command);
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        return result == null ? text : text + result;
      } finally {
        java.lang.reflect.Method close = session.getClass().getMethod("close");
        close.setAccessible(true);
        close.invoke(session);
      }
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalArgumentException(command + ": " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e, e);
    }
  }

  /** @return the number of pools open in the container's core bundle */
  int poolCount() {
    for (Bundle b : felix.getBundleContext().getBundles()) {
      if ("io.dataknobs.core".equals(b.getSymbolicName())) {
        try {
          Class<?> m = b.loadClass("io.dataknobs.core.pool.ConnectionPoolManager");
          Object shared = m.getMethod("shared").invoke(null);
          return (Integer) m.getMethod("poolCount").invoke(shared);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return 0;
  }

  /**
   * @return one line per bundle that stays unresolved, naming the imports no bundle satisfies
   *     and the versions the container offers instead (empty when all resolved)
   */
  List<String> unresolved() {
    return UnresolvedBundles.explain(felix.getBundleContext());
  }

  /**
   * @return "symbolic-name version" of the bundle that {@code bundle}'s import of {@code pkg} is
   *     wired to, or null when {@code bundle} is absent, unresolved or does not import it
   */
  String wiredProvider(String bundle, String pkg) {
    for (Bundle b : felix.getBundleContext().getBundles()) {
      org.osgi.framework.wiring.BundleWiring wiring = b.adapt(org.osgi.framework.wiring.BundleWiring.class);
      if (bundle.equals(b.getSymbolicName()) && wiring != null) {
        for (org.osgi.framework.wiring.BundleWire w : wiring.getRequiredWires("osgi.wiring.package")) {
          if (pkg.equals(w.getCapability().getAttributes().get("osgi.wiring.package"))) {
            Bundle p = w.getProvider().getBundle();
            return p.getSymbolicName() + " " + p.getVersion();
          }
        }
      }
    }
    return null;
  }

  /** @return the framework (tests, embedding) */
  Framework framework() {
    return felix;
  }

  @Override
  public void close() {
    try {
      felix.stop();
      felix.waitForStop(10_000);
    } catch (BundleException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the OSGi container did not stop: " + e.getMessage(), e);
    }
  }
}

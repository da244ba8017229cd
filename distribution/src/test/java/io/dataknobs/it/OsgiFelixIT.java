package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Apache Felix, installs the api, core and memory bundles with their dependencies
 * (Jackson, SLF4J, the ServiceLoader Mediator), gets the DatabaseFactory service and writes
 * and reads a record through it. The test talks to the bundles reflectively: their classes
 * live in bundle class loaders, not the test's.
 */
class OsgiFelixIT {
  @TempDir
  Path cache;

  private Framework felix;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> cfg = new HashMap<>();
    cfg.put(Constants.FRAMEWORK_STORAGE, cache.toString());
    cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    felix = java.util.ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(cfg);
    felix.start();
  }

  @AfterEach
  void stop() throws Exception {
    felix.stop();
    felix.waitForStop(10_000);
  }

  static List<Path> bundleJars() throws Exception {
    Path dir = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private Bundle installAll() throws Exception {
    BundleContext ctx = felix.getBundleContext();
    List<Bundle> installed = new ArrayList<>();
    Bundle memory = null;
    for (Path jar : bundleJars()) {
      if (jar.getFileName().toString().contains("fileinstall")) {
        continue; // the hot-deploy folder is ContainerIT's concern
      }
      if (jar.getFileName().toString().startsWith("org.apache.felix.gogo.shell")) {
        continue; // the console reads standard input, which in a test fork is the build's command channel
      }
      Bundle b = ctx.installBundle(jar.toUri().toString());
      installed.add(b);
      if ("io.dataknobs.backend.memory".equals(b.getSymbolicName())) {
        memory = b;
      }
    }
    // the mediator first, so it sees the provider bundles start
    installed.sort((a, b) -> Boolean.compare(!a.getSymbolicName().contains("spifly"), !b.getSymbolicName().contains("spifly")));
    for (Bundle b : installed) {
      if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        b.start();
      }
    }
    return memory;
  }

  private Object factoryService() throws Exception {
    return factoryService("memory");
  }

  private Object factoryService(String backend) throws Exception {
    BundleContext ctx = felix.getBundleContext();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      // getAll…: the test's own class path also holds DatabaseFactory, so the class-space
      // filtered lookup would hide the bundle's service from the system bundle
      ServiceReference<?>[] refs = ctx.getAllServiceReferences("io.dataknobs.core.DatabaseFactory", null);
      if (refs != null) {
        ServiceReference<?> ref = refs[0];
        Object factory = ctx.getService(ref);
        Collection<Object> names = (Collection<Object>) factory.getClass().getMethod("backends").invoke(factory);
        if (names.contains(backend)) {
          return factory;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no DatabaseFactory service offering '" + backend + "' within 20 s; bundles: " + states()
        + "; services: " + services());
  }

  private String services() {
    StringBuilder sb = new StringBuilder();
    for (Bundle b : felix.getBundleContext().getBundles()) {
      ServiceReference<?>[] refs = b.getRegisteredServices();
      if (refs != null) {
        for (ServiceReference<?> r : refs) {
          sb.append(b.getSymbolicName()).append(':').append(java.util.Arrays.toString((String[]) r.getProperty("objectClass"))).append(' ');
        }
      }
    }
    return sb.toString();
  }

  private String states() {
    StringBuilder sb = new StringBuilder();
    for (Bundle b : felix.getBundleContext().getBundles()) {
      sb.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
    }
    return sb.toString();
  }

  @Test
  void databaseFactoryServiceCreatesAndReadsThroughTheMemoryBundle() throws Exception {
    Bundle memory = installAll();
    assertThat(memory).as("memory bundle installed").isNotNull();
    for (Bundle b : felix.getBundleContext().getBundles()) {
      if (b.getSymbolicName().startsWith("io.dataknobs")) {
        assertThat(b.getState()).as(b.getSymbolicName() + " active").isEqualTo(Bundle.ACTIVE);
      }
    }
    Object factory = factoryService();
    Object db = factory.getClass().getMethod("open", String.class, Map.class).invoke(factory, "memory", Map.of());
    Class<?> recordClass = memory.loadClass("io.dataknobs.api.Record");
    Object record = recordClass.getMethod("of", String.class, Map.class).invoke(null, "osgi-1", Map.of("hello", "felix"));
    Class<?> dbType = memory.loadClass("io.dataknobs.api.Database");
    Method create = dbType.getMethod("create", recordClass);
    assertThat(create.invoke(db, record)).isEqualTo("osgi-1");
    Optional<?> read = (Optional<?>) dbType.getMethod("read", String.class).invoke(db, "osgi-1");
    assertThat(read).isPresent();
    assertThat(recordClass.getMethod("get", String.class).invoke(read.get(), "hello")).isEqualTo("felix");
    dbType.getMethod("close").invoke(db);

    // core's decorators (Caffeine, Resilience4j as shared bundles) are services too
    Collection<Object> decorators = (Collection<Object>) factory.getClass().getMethod("decorators").invoke(factory);
    assertThat(decorators).contains("cache", "bulkhead", "rate_limit", "retry", "circuit_breaker", "metrics");
    Object decorated = factory.getClass().getMethod("open", String.class, Map.class).invoke(factory, "memory",
        Map.of("cache", Map.of(), "bulkhead", Map.of("max_concurrent", 2), "metrics", true));
    create.invoke(decorated, recordClass.getMethod("of", String.class, Map.class).invoke(null, "osgi-2", Map.of("hello", "cache")));
    assertThat((Optional<?>) dbType.getMethod("read", String.class).invoke(decorated, "osgi-2")).isPresent();
    assertThat(decorated.getClass().getName()).endsWith("MetricsDatabase");
    dbType.getMethod("close").invoke(decorated);

    // stopping the backend bundle takes its provider out of the factory
    memory.stop();
    Collection<Object> names = (Collection<Object>) factory.getClass().getMethod("backends").invoke(factory);
    assertThat(names).doesNotContain("memory");
  }

  /**
   * Opens {@code backend} through the factory service, creates a record and reads it back; the
   * classes come from the api bundle, as a consumer inside OSGi sees them.
   */
  private void createAndRead(String backend, Map<String, Object> config) throws Exception {
    Object factory = factoryService(backend);
    Bundle api = null;
    for (Bundle b : felix.getBundleContext().getBundles()) {
      if ("io.dataknobs.api".equals(b.getSymbolicName())) {
        api = b;
      }
    }
    Class<?> recordClass = api.loadClass("io.dataknobs.api.Record");
    Class<?> dbType = api.loadClass("io.dataknobs.api.Database");
    Object db = factory.getClass().getMethod("open", String.class, Map.class).invoke(factory, backend, config);
    try {
      Object record = recordClass.getMethod("of", String.class, Map.class).invoke(null, "in-osgi", Map.of("engine", backend));
      dbType.getMethod("create", recordClass).invoke(db, record);
      Optional<?> read = (Optional<?>) dbType.getMethod("read", String.class).invoke(db, "in-osgi");
      assertThat(recordClass.getMethod("get", String.class).invoke(read.orElseThrow(), "engine")).isEqualTo(backend);
      dbType.getMethod("clear").invoke(db);
    } finally {
      dbType.getMethod("close").invoke(db);
    }
  }

  @Test
  void sqlBackendsOpenInsideOsgiWithTheirDriversAsSharedBundles() throws Exception {
    installAll();
    for (String backend : List.of("sqlite", "duckdb")) {
      createAndRead(backend, Map.of("path", cache.resolve(backend + ".db").toString()));
    }
  }

  @Test
  void theFileBackendOpensInsideOsgi() throws Exception {
    installAll();
    createAndRead("file", Map.of("path", cache.resolve("records.jsonl").toString()));
    // Parquet goes through DuckDB's driver bundle, wired to the file bundle by its optional import
    createAndRead("file", Map.of("path", cache.resolve("records.parquet").toString()));
    assertThat(cache.resolve("records.parquet")).exists();
  }

  @Test
  void s3OpensInsideOsgiWithTheSdkEmbeddedInItsBundle() throws Exception {
    installAll();
    Map<String, Object> config = new HashMap<>(io.dataknobs.testservers.S3Server.shared().config());
    config.put("bucket", io.dataknobs.testservers.S3Server.shared().freshBucket("osgi"));
    createAndRead("s3", config);
  }

  @Test
  void elasticsearchOpensInsideOsgiWithTheClientEmbeddedInItsBundle() throws Exception {
    installAll();
    Map<String, Object> config = new HashMap<>(io.dataknobs.testservers.ElasticsearchServer.shared().config());
    config.put("index", io.dataknobs.testservers.ElasticsearchServer.shared().freshIndex("osgi"));
    createAndRead("elasticsearch", config);
  }

  @Test
  void postgresOpensInsideOsgiThroughHikariAndPgjdbcBundles() throws Exception {
    installAll();
    Map<String, Object> config = new HashMap<>(io.dataknobs.testservers.PostgresServer.shared().config());
    config.put("table", "osgi_" + ProcessHandle.current().pid());
    createAndRead("postgres", config);
  }

  @Test
  void internalPackagesAreNotExported() throws Exception {
    installAll();
    for (Bundle b : felix.getBundleContext().getBundles()) {
      String exports = b.getHeaders().get(Constants.EXPORT_PACKAGE);
      if (b.getSymbolicName().startsWith("io.dataknobs") && exports != null) {
        assertThat(exports).as(b.getSymbolicName()).doesNotContain(".internal");
      }
    }
    assertThat(new File(System.getProperty("it.bundles", "target/it-bundles"))).isDirectory();
  }
}

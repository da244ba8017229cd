package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.cli.OsgiContainerAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hot-deploy container: a backend bundle copied into the deploy folder appears, deleted disappears. */
class ContainerIT {
  @TempDir
  Path work;

  /** Waits up to 30 s for {@code condition}, failing with {@code what}. */
  /** @return the jar of {@code lib} whose file name starts with {@code prefix} */
  static Path bundle(Path lib, String prefix) throws java.io.IOException {
    try (var s = Files.list(lib)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + lib));
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void backendBundlesComeAndGoThroughTheDeployFolder() throws Exception {
    Path lib = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    Path deploy = work.resolve("deploy");
    Path memory;
    Path sqlite;
    Path cache;
    try (var s = Files.list(lib)) {
      List<Path> jars = s.toList();
      memory = jars.stream().filter(p -> p.getFileName().toString().startsWith("dataknobs-backend-memory")).findFirst().orElseThrow();
      sqlite = jars.stream().filter(p -> p.getFileName().toString().startsWith("dataknobs-backend-sqlite")).findFirst().orElseThrow();
      cache = jars.stream().filter(p -> p.getFileName().toString().startsWith("dataknobs-decorator-cache")).findFirst().orElseThrow();
    }
    try (OsgiContainerAccess c = new OsgiContainerAccess(lib, deploy, work.resolve("cache"))) {
      await("the factory service", () -> c.factory() != null);
      assertThat(c.backends()).as("backends wait for the deploy folder").isEmpty();
      assertThat(c.decorators()).as("decorators wait for the deploy folder too").isEmpty();

      Files.copy(cache, deploy.resolve(cache.getFileName()));
      await("the cache decorator deployed", () -> c.decorators().contains("cache"));

      Files.copy(memory, deploy.resolve(memory.getFileName()));
      Files.copy(sqlite, deploy.resolve(sqlite.getFileName()));
      await("memory and sqlite deployed", () -> c.backends().containsAll(List.of("memory", "sqlite")));

      // overwrite: File Install updates the bundle; the backend is back afterwards
      Files.copy(memory, deploy.resolve(memory.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(deploy.resolve(memory.getFileName()),
          java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      Thread.sleep(1_500);
      await("memory after its update", () -> c.backends().contains("memory"));

      Files.delete(deploy.resolve(sqlite.getFileName()));
      await("sqlite removed", () -> !c.backends().contains("sqlite"));
      assertThat(c.backends()).contains("memory");

      Files.delete(deploy.resolve(cache.getFileName()));
      await("the cache decorator removed", () -> !c.decorators().contains("cache"));
    }
  }

  @Test
  void aSharedBundleThatCannotResolveIsReportedAndTheRestRuns() throws Exception {
    Path lib = Files.createDirectories(work.resolve("lib"));
    try (var s = Files.list(Path.of(System.getProperty("it.bundles", "target/it-bundles")))) {
      for (Path jar : s.toList()) {
        Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
    java.util.jar.Manifest m = new java.util.jar.Manifest();
    m.getMainAttributes().putValue("Manifest-Version", "1.0");
    m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
    m.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.needs.more");
    m.getMainAttributes().putValue("Bundle-Version", "1.0.0");
    m.getMainAttributes().putValue("Import-Package", "com.example.nowhere;version=\"[1,2)\"");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(lib.resolve("needs-more-1.0.0.jar")), m)) {
      out.flush();
    }
    Path deploy = work.resolve("deploy");
    try (OsgiContainerAccess c = new OsgiContainerAccess(lib, deploy, work.resolve("cache"))) {
      await("the factory service", () -> c.factory() != null);
      assertThat(c.unresolved()).anySatisfy(u -> assertThat(u).contains("com.example.needs.more").contains("com.example.nowhere"));
    }
  }

  @Test
  void removingAPooledBackendClosesItsPools() throws Exception {
    Path lib = Path.of(System.getProperty("it.bundles", "target/it-bundles"));
    Path deploy = work.resolve("deploy");
    Path postgres;
    try (var s = Files.list(lib)) {
      postgres = s.filter(p -> p.getFileName().toString().startsWith("dataknobs-backend-postgres")).findFirst().orElseThrow();
    }
    try (OsgiContainerAccess c = new OsgiContainerAccess(lib, deploy, work.resolve("cache"))) {
      Files.copy(postgres, deploy.resolve(postgres.getFileName()));
      await("postgres deployed", () -> c.backends().contains("postgres"));
      Object factory = c.factory();
      java.util.Map<String, Object> config = new java.util.HashMap<>(io.dataknobs.testservers.PostgresServer.shared().config());
      config.put("table", "container_" + ProcessHandle.current().pid());
      Object db = factory.getClass().getMethod("open", String.class, java.util.Map.class).invoke(factory, "postgres", config);
      assertThat(db).isNotNull();
      assertThat(c.poolCount()).isEqualTo(1);
      Files.delete(deploy.resolve(postgres.getFileName()));
      await("postgres removed", () -> !c.backends().contains("postgres"));
      await("its pool closed", () -> c.poolCount() == 0);
    }
  }
}

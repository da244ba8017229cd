package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.cli.OsgiContainerAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example backend (examples/mvstore-backend, built as an outside author builds it) in the
 * running container: dropped into {@code deploy/} with the store it needs, it appears in the
 * {@code DatabaseFactory} service and stores records. Its imports ({@code io.dataknobs.api}
 * {@code [1.x,2)}: it only consumes the api) then do what semantic versioning promises: it
 * resolves beside an api of a higher minor version and is refused, with the container naming the
 * import, beside one of a higher major version.
 *
 * <p>The newer apis are the released jar with its manifest rewritten as a rebuild would write
 * it: exports at the new version, and core's imports of the api re-ranged as bnd ranges them for
 * a provider of the api's {@code @ProviderType}s ({@code [1.1,1.2)}) and for its consumers.
 */
class ExampleBackendInContainerIT {
  private static final String EXAMPLE = "com.example.dataknobs.mvstore";

  @TempDir
  Path work;

  private static Path lib() {
    return Path.of(System.getProperty("it.bundles", "target/it-bundles"));
  }

  private static List<Path> exampleBundles() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("it.example", "target/example-bundles")))) {
      List<Path> jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      assertThat(jars).as("the example backend and h2-mvstore, copied by the build").hasSize(2);
      return jars;
    }
  }

  private static void await(String what, BooleanSupplier condition, OsgiContainerAccess c) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what + "; unresolved: " + c.unresolved());
      }
      Thread.sleep(100);
    }
  }

  private void deployExample(Path deploy) throws IOException {
    for (Path jar : exampleBundles()) {
      Files.copy(jar, deploy.resolve(jar.getFileName()));
    }
  }

  /** Opens the example through the factory service, writes and reads a record with the api bundle's classes. */
  private static void createAndRead(OsgiContainerAccess c, Path store) throws Exception {
    Object factory = c.factory();
    ClassLoader core = factory.getClass().getClassLoader(); // core imports the api: the bundle's classes, not ours
    Class<?> recordType = core.loadClass("io.dataknobs.api.Record");
    Class<?> dbType = core.loadClass("io.dataknobs.api.Database");
    Object db = factory.getClass().getMethod("open", String.class, Map.class)
        .invoke(factory, "mvstore", Map.of("path", store.toString()));
    try {
      Object record = recordType.getMethod("of", String.class, Map.class).invoke(null, "r-1", Map.of("name", "felix", "n", 7));
      assertThat(dbType.getMethod("create", recordType).invoke(db, record)).isEqualTo("r-1");
      Optional<?> read = (Optional<?>) dbType.getMethod("read", String.class).invoke(db, "r-1");
      assertThat(recordType.getMethod("get", String.class).invoke(read.orElseThrow(), "name")).isEqualTo("felix");
      assertThat(dbType.getMethod("count").invoke(db)).isEqualTo(1L);
    } finally {
      dbType.getMethod("close").invoke(db);
    }
    assertThat(Files.size(store)).as("the MVStore file written").isPositive();
  }

  @Test
  void theExampleDeploysIntoTheContainerAndStoresThroughTheFactory() throws Exception {
    Path deploy = work.resolve("deploy");
    try (OsgiContainerAccess c = new OsgiContainerAccess(lib(), deploy, work.resolve("cache"))) {
      await("the factory service", () -> c.factory() != null, c);
      assertThat(c.backends()).doesNotContain("mvstore");
      deployExample(deploy);
      await("the mvstore backend deployed", () -> c.backends().contains("mvstore"), c);
      assertThat(c.wiredProvider(EXAMPLE, "io.dataknobs.api")).isEqualTo("io.dataknobs.api " + apiVersion());
      createAndRead(c, work.resolve("records.mv"));
      assertThat(c.unresolved()).isEmpty();
    }
  }

  @Test
  void itResolvesBesideAnApiOfAHigherMinorVersion() throws Exception {
    int[] v = apiMajorMinor();
    Path newer = libWithApiAt(v[0], v[1] + 1);
    String higher = v[0] + "." + (v[1] + 1) + ".0";
    Path deploy = work.resolve("deploy");
    try (OsgiContainerAccess c = new OsgiContainerAccess(newer, deploy, work.resolve("cache"))) {
      await("the factory service on api " + higher, () -> c.factory() != null, c);
      deployExample(deploy);
      await("the mvstore backend deployed beside api " + higher, () -> c.backends().contains("mvstore"), c);
      assertThat(c.wiredProvider(EXAMPLE, "io.dataknobs.api")).isEqualTo("io.dataknobs.api " + higher);
      assertThat(c.wiredProvider(EXAMPLE, "io.dataknobs.spi")).isEqualTo("io.dataknobs.api " + higher);
      createAndRead(c, work.resolve("records.mv"));
    }
  }

  @Test
  void anApiOfAHigherMajorVersionRefusesItAndTheContainerNamesTheImport() throws Exception {
    int major = apiMajorMinor()[0] + 1;
    Path newer = libWithApiAt(major, 0);
    Path deploy = work.resolve("deploy");
    try (OsgiContainerAccess c = new OsgiContainerAccess(newer, deploy, work.resolve("cache"))) {
      await("the factory service on api " + major + ".0", () -> c.factory() != null, c);
      deployExample(deploy);
      // File Install may install the two jars in different scans: wait until the store's bundle is in as well
      java.util.function.Predicate<String> onlyTheApi = u -> u.startsWith(EXAMPLE) && !u.contains("org.h2.mvstore");
      await("the example reported unresolved for its api imports", () -> c.unresolved().stream().anyMatch(onlyTheApi), c);
      String why = c.unresolved().stream().filter(onlyTheApi).findFirst().orElseThrow();
      assertThat(why)
          .contains("com.example.dataknobs.mvstore 0.1.0 is not resolved")
          .containsPattern("imports io\\.dataknobs\\.api \\[1\\.\\d+\\.0," + major + "\\.0\\.0\\)")
          .contains("the container offers only io.dataknobs.api " + major + ".0.0 from io.dataknobs.api " + major + ".0.0")
          .contains("imports io.dataknobs.spi")
          .doesNotContain("org.h2.mvstore"); // the store it needs is there
      assertThat(c.backends()).doesNotContain("mvstore");
      assertThat(c.wiredProvider(EXAMPLE, "io.dataknobs.api")).isNull();
    }
  }

  @Test
  void theContainerCommandPrintsTheRefusedImport() throws Exception {
    int major = apiMajorMinor()[0] + 1;
    Path newer = libWithApiAt(major, 0);
    Path deploy = Files.createDirectories(work.resolve("deploy"));
    deployExample(deploy);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = io.dataknobs.cli.Dataknobs.commandLine();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    assertThat(cl.execute("container", "--lib", newer.toString(), "--deploy", deploy.toString(), "--seconds", "5")).isZero();
    assertThat(out.toString()).contains("OSGi container started").doesNotContain("mvstore");
    assertThat(err.toString()).containsPattern("unresolved: com\\.example\\.dataknobs\\.mvstore 0\\.1\\.0 is not resolved: imports io\\.dataknobs\\.api "
        + "\\[1\\.\\d+\\.0," + major + "\\.0\\.0\\), but the container offers only io\\.dataknobs\\.api " + major + "\\.0\\.0 from io\\.dataknobs\\.api " + major + "\\.0\\.0");
  }

  /**
   * A lib folder like the shipped one, with the api bundle re-versioned to {@code major.minor.0}
   * and core's (and the osgi bundle's) imports of it re-ranged as a rebuild against that api would range them; the other
   * jars are links to the shipped ones. The folder sits beside the shipped lib and is rebuilt on
   * each call.
   */
  private Path libWithApiAt(int major, int minor) throws IOException {
    String version = major + "." + minor + ".0";
    // beside the shipped lib, not in the temp dir: JUnit warns about every link it deletes there
    Path out = lib().toAbsolutePath().resolveSibling("it-bundles-api-" + version);
    if (Files.exists(out)) {
      try (Stream<Path> old = Files.list(out)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(out);
    try (Stream<Path> s = Files.list(lib())) {
      for (Path jar : s.toList()) {
        String name = jar.getFileName().toString();
        Path target = out.resolve(name);
        if (name.startsWith("dataknobs-api-")) {
          rewrite(jar, target, m -> {
            m.putValue("Bundle-Version", version);
            m.putValue("Export-Package", m.getValue("Export-Package").replaceAll("version=\"\\d+\\.\\d+\\.\\d+\"", "version=\"" + version + "\""));
            m.putValue("Import-Package", reRangeApiImports(m.getValue("Import-Package"), major, minor));
          });
        } else if (name.startsWith("dataknobs-core-") || name.startsWith("dataknobs-osgi-")) {
          rewrite(jar, target, m -> m.putValue("Import-Package", reRangeApiImports(m.getValue("Import-Package"), major, minor)));
        } else {
          Files.createSymbolicLink(target, jar.toAbsolutePath());
        }
      }
    }
    return out;
  }

  private static final Pattern API_IMPORT = Pattern.compile("(io\\.dataknobs\\.(?:api|spi)[\\w.]*);version=\"\\[(\\d+)\\.(\\d+),(\\d+(?:\\.\\d+)?)\\)\"");

  /**
   * A provider's range ({@code [1.1,1.2)}: the upper bound has a minor) becomes {@code [M.m,M.m+1)};
   * a consumer's ({@code [1.1,2)}) becomes {@code [M.m,M+1)}.
   */
  static String reRangeApiImports(String header, int major, int minor) {
    Matcher m = API_IMPORT.matcher(header);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String upper = m.group(4).contains(".") ? major + "." + (minor + 1) : String.valueOf(major + 1);
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + ";version=\"[" + major + "." + minor + "," + upper + ")\""));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** @return the released api bundle's version, read from its manifest */
  private static String apiVersion() throws IOException {
    try (Stream<Path> s = Files.list(lib())) {
      Path api = s.filter(p -> p.getFileName().toString().startsWith("dataknobs-api-")).findFirst().orElseThrow();
      try (JarFile j = new JarFile(api.toFile())) {
        return j.getManifest().getMainAttributes().getValue("Bundle-Version");
      }
    }
  }

  private static int[] apiMajorMinor() throws IOException {
    String[] parts = apiVersion().split("\\.");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  private interface ManifestEdit {
    void apply(Attributes main);
  }

  private static void rewrite(Path from, Path to, ManifestEdit edit) throws IOException {
    try (JarFile in = new JarFile(from.toFile())) {
      Manifest manifest = new Manifest(in.getManifest());
      edit.apply(manifest.getMainAttributes());
      try (OutputStream os = Files.newOutputStream(to); JarOutputStream out = new JarOutputStream(os, manifest)) {
        Enumeration<JarEntry> entries = in.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME) || e.getName().equalsIgnoreCase("META-INF/")) {
            continue;
          }
          out.putNextEntry(new JarEntry(e.getName()));
          try (InputStream is = in.getInputStream(e)) {
            is.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }
}

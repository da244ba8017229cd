package io.dataknobs.compat;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate against a scratch copy of the api's sources, changed and rebuilt here, compared with
 * the api jar this build made: an incompatible change without a major bump fails, naming the
 * package, the change and the version required; a compatible change with its minor bump passes.
 */
class CompatibilityGateTest {
  private static final Path API_SOURCES = Path.of("../dataknobs-api/src/main/java");
  private static final String DATABASE = "io/dataknobs/api/Database.java";
  private static final String PACKAGE_INFO = "io/dataknobs/api/package-info.java";

  @TempDir
  Path work;

  private static File currentApi() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("gate.current", "target/current")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("dataknobs-api-")).findFirst().orElseThrow().toFile();
    }
  }

  /** Copies the api sources, applies {@code edit} to one file, compiles and bundles them as bnd does. */
  private File scratchApi(String bundleVersion, String file, java.util.function.UnaryOperator<String> edit, String packageVersion)
      throws Exception {
    Path src = work.resolve("src-" + bundleVersion + "-" + System.nanoTime());
    List<File> sources = new ArrayList<>();
    try (Stream<Path> s = Files.walk(API_SOURCES)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path to = src.resolve(API_SOURCES.relativize(p).toString());
        Files.createDirectories(to.getParent());
        String text = Files.readString(p);
        String rel = API_SOURCES.relativize(p).toString().replace(File.separatorChar, '/');
        if (rel.equals(file)) {
          String changed = edit.apply(text);
          assertThat(changed).as("the edit applies to " + file).isNotEqualTo(text);
          text = changed;
        }
        if (rel.equals(PACKAGE_INFO)) {
          text = text.replaceFirst("@Version\\(\"[0-9.]+\"\\)", "@Version(\"" + packageVersion + "\")");
        }
        Files.writeString(to, text);
        sources.add(to.toFile());
      }
    }
    Path classes = Files.createDirectories(work.resolve("classes-" + System.nanoTime()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
    sources.forEach(f -> args.add(f.getPath()));
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("the scratch api compiles").isZero();
    File out = work.resolve("dataknobs-api-" + bundleVersion + ".jar").toFile();
    try (Builder b = new Builder()) {
      b.setProperty("Bundle-SymbolicName", "io.dataknobs.api");
      b.setProperty("Bundle-Version", bundleVersion);
      b.setProperty("Private-Package", "io.dataknobs.*");
      b.addClasspath(classes.toFile());
      try (Jar jar = b.build()) {
        assertThat(b.getErrors()).isEmpty();
        jar.write(out);
      }
    }
    return out;
  }

  /** @return the api package's version as the working tree declares it (the baseline the scratch edits start from) */
  private static int[] apiPackageVersion() throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("@Version\\(\"(\\d+)\\.(\\d+)\\.(\\d+)\"\\)")
        .matcher(Files.readString(API_SOURCES.resolve(PACKAGE_INFO)));
    assertThat(m.find()).isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
  }

  private static String v(int major, int minor, int micro) {
    return major + "." + minor + "." + micro;
  }

  @Test
  void removingAMethodWithoutAMajorBumpFailsNamingPackageChangeAndVersion() throws Exception {
    int[] now = apiPackageVersion();
    String declared = v(now[0], now[1], now[2]);
    File newer = scratchApi(v(now[0], now[1], now[2] + 1), DATABASE,
        s -> s.replaceFirst("\\n\\s*/\\*\\* @return how many records are stored \\*/\\s*default long count\\(\\) \\{[^}]*\\}", "\n"), declared);
    List<PackageComparison.Problem> problems = PackageComparison.compare("dataknobs-api", newer, currentApi());
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.packageName()).isEqualTo("io.dataknobs.api");
      assertThat(p.change()).contains("count()").contains("REMOVED");
      assertThat(p.declared()).isEqualTo(declared);
      assertThat(p.required()).isEqualTo(v(now[0] + 1, 0, 0));
      assertThat(p.toString()).contains("package io.dataknobs.api is " + declared + " but needs " + v(now[0] + 1, 0, 0));
    });
  }

  @Test
  void addingAMethodToAProviderTypeNeedsAMinorBumpAndPassesWithIt() throws Exception {
    int[] now = apiPackageVersion();
    String declared = v(now[0], now[1], now[2]);
    String minor = v(now[0], now[1] + 1, 0);
    java.util.function.UnaryOperator<String> addMethod = s -> s.replaceFirst("(public interface Database extends AutoCloseable \\{)",
        "$1\n  /** @return a greeting */\n  default String hello() {\n    return \"hello\";\n  }\n");
    List<PackageComparison.Problem> unbumped = PackageComparison.compare("dataknobs-api",
        scratchApi(declared, DATABASE, addMethod, declared), currentApi());
    assertThat(unbumped).anySatisfy(p -> {
      assertThat(p.packageName()).isEqualTo("io.dataknobs.api");
      assertThat(p.change()).contains("hello()").contains("ADDED");
      assertThat(p.required()).isEqualTo(minor);
    });
    assertThat(PackageComparison.compare("dataknobs-api", scratchApi(minor, DATABASE, addMethod, minor), currentApi()))
        .as("the same change with the package and the bundle at " + minor).isEmpty();
  }

  @Test
  void releasesFileNamesAVersionAndACommitForEveryModule() throws Exception {
    List<Release> releases = Release.read(Path.of("../releases.properties"));
    assertThat(releases).extracting(Release::module).contains("dataknobs-api", "dataknobs-core", "dataknobs-backend-memory");
    assertThat(releases).allSatisfy(r -> assertThat(r.commit()).matches("[0-9a-f]{40}"));
  }
}

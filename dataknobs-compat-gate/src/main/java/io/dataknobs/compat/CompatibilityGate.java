package io.dataknobs.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build's compatibility gate. For every module of {@code releases.properties}, compares the
 * jar built from the working tree with the same module built at its last release commit, and
 * fails when a package or a bundle version is lower than its changes need, naming the package,
 * the change and the version required.
 *
 * <p>Arguments: the repository root, the folder holding the current jars
 * ({@code <artifactId>-<version>.jar}), the baseline cache folder, the {@code mvn} command.
 */
public final class CompatibilityGate {
  private CompatibilityGate() {}

  /** Runs the gate; exits non-zero (through an exception) when a bump is missing. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path current = Path.of(args[1]);
    BaselineBuilds baselines = new BaselineBuilds(root, Path.of(args[2]), args[3]);
    List<PackageComparison.Problem> problems = check(root.resolve("releases.properties"), current, baselines);
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder("compatibility gate: " + problems.size() + " version bump(s) missing against the last"
          + " release (releases.properties):");
      problems.forEach(p -> sb.append("\n  - ").append(p));
      sb.append("\nRaise the @Version of each package-info.java named above (and the module's version in its pom and in"
          + " dataknobs-bom) to at least the version required.");
      throw new IllegalStateException(sb.toString());
    }
  }

  static List<PackageComparison.Problem> check(Path releasesFile, Path current, BaselineBuilds baselines) throws Exception {
    List<Release> releases = Release.read(releasesFile);
    Map<String, List<String>> byCommit = new LinkedHashMap<>();
    releases.forEach(r -> byCommit.computeIfAbsent(r.commit(), c -> new ArrayList<>()).add(r.module()));
    List<PackageComparison.Problem> problems = new ArrayList<>();
    for (Release r : releases) {
      Path now = currentJar(current, r.module());
      Path then = baselines.jar(r.commit(), r.module(), byCommit.get(r.commit()));
      List<PackageComparison.Problem> found = PackageComparison.compare(r.module(), now.toFile(), then.toFile());
      System.out.println("[compat-gate] " + r.module() + " " + now.getFileName() + " against release " + r.version() + ": "
          + (found.isEmpty() ? "ok" : found.size() + " problem(s)"));
      problems.addAll(found);
    }
    return problems;
  }

  private static Path currentJar(Path dir, String module) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("\\Q" + module + "\\E-[0-9][^/]*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no current jar of " + module + " in " + dir
              + ": a module listed in releases.properties must be a dependency of dataknobs-compat-gate"));
    }
  }
}

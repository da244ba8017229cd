package io.dataknobs.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The jars a release was built into, rebuilt from the release commit of this repository (tags
 * need not travel with a clone; the commit does). Builds are kept per commit under
 * {@code cache}, so a machine builds each release once.
 */
final class BaselineBuilds {
  private final Path repository;
  private final Path cache;
  private final String maven;

  BaselineBuilds(Path repository, Path cache, String maven) {
    this.repository = repository;
    this.cache = cache;
    this.maven = maven;
  }

  /** @return the jar of {@code module} built at {@code commit}, building that commit's modules once */
  Path jar(String commit, String module, Collection<String> modulesAtCommit) throws IOException, InterruptedException {
    Path dir = cache.resolve(commit);
    if (!Files.exists(dir.resolve("complete"))) {
      build(commit, modulesAtCommit, dir);
    }
    Path jar = dir.resolve(module + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("the build of release commit " + commit + " has no " + module
          + ".jar: is the module named right in releases.properties?");
    }
    return jar;
  }

  private void build(String commit, Collection<String> modules, Path dir) throws IOException, InterruptedException {
    Path src = Files.createTempDirectory("dataknobs-release-");
    try {
      run(repository, List.of("git", "cat-file", "-e", commit + "^{commit}"), "release commit " + commit
          + " is not in this clone (a shallow clone? fetch its history: git fetch --unshallow)");
      run(repository, List.of("sh", "-c", "git archive --format=tar " + commit + " | tar -x -C '" + src + "'"),
          "cannot extract release commit " + commit);
      List<String> cmd = new ArrayList<>(List.of(maven, "-B", "-q", "package", "-Dmaven.test.skip=true",
          "-Dmaven.javadoc.skip=true", "-pl", String.join(",", modules), "-am"));
      System.out.println("[compat-gate] building the release at " + commit.substring(0, 10) + " to compare with (once per machine)");
      run(src, cmd, "the build of release commit " + commit + " failed");
      Files.createDirectories(dir);
      for (String m : modules) {
        try (Stream<Path> s = Files.list(src.resolve(m).resolve("target"))) {
          Path jar = s.filter(p -> p.getFileName().toString().matches("\\Q" + m + "\\E-[0-9][^/]*\\.jar")
              && !p.getFileName().toString().endsWith("-sources.jar")).findFirst()
              .orElseThrow(() -> new IllegalStateException("release commit " + commit + " built no jar for " + m));
          Files.copy(jar, dir.resolve(m + ".jar"));
        }
      }
      Files.writeString(dir.resolve("complete"), commit);
    } finally {
      delete(src);
    }
  }

  private static void run(Path dir, List<String> cmd, String failure) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(failure + " (" + String.join(" ", cmd) + ")");
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

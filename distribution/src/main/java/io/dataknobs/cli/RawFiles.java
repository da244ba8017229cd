package io.dataknobs.cli;

import java.util.Map;

/** Where the file-backed raw baselines write, and how they remove what they wrote. */
final class RawFiles {
  private RawFiles() {}

  /**
   * @return where a file-backed baseline writes: beside the database's {@code path}, with
   *     {@code .raw} appended; null for an in-memory database
   */
  static java.nio.file.Path rawFileBeside(Map<String, Object> config) {
    Object path = config.get("path");
    if (path == null || String.valueOf(path).isBlank() || String.valueOf(path).equals(":memory:")) {
      return null;
    }
    java.nio.file.Path db = java.nio.file.Path.of(String.valueOf(path)).toAbsolutePath();
    return db.resolveSibling(db.getFileName() + ".raw");
  }

  /** Deletes {@code file} and its companions ({@code file} + each suffix), if present. */
  static void deleteWith(java.nio.file.Path file, String... suffixes) {
    for (String suffix : suffixes) {
      try {
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file + suffix));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot remove the raw baseline's file " + file + suffix, e);
      }
    }
  }
}

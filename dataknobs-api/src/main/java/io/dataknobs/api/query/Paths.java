package io.dataknobs.api.query;

import io.dataknobs.api.QueryException;

/** Validation of dot-separated field paths. */
final class Paths {
  private Paths() {}

  static String validate(String path, String what) {
    if (path == null || path.isEmpty()) {
      throw new QueryException(what + " must be a non-empty path, got " + (path == null ? "null" : "\"\""));
    }
    if (path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      throw new QueryException(what + " '" + path + "' has an empty path segment");
    }
    return path;
  }
}

package io.dataknobs.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of {@code releases.properties}: a module's last release and the commit it was cut from. */
record Release(String module, String version, String commit) {
  /** @return the releases listed in {@code file}, in order */
  static List<Release> read(Path file) throws IOException {
    List<Release> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      int at = l.indexOf('@', eq);
      if (eq < 1 || at < 0) {
        throw new IllegalArgumentException(file + ": expected <artifactId>=<version>@<commit>, got: " + l);
      }
      out.add(new Release(l.substring(0, eq).strip(), l.substring(eq + 1, at).strip(), l.substring(at + 1).strip()));
    }
    return out;
  }
}

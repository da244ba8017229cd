package io.dataknobs.compat;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the exported packages of two builds of one bundle with bnd's semantic-versioning
 * rules (the annotations {@code @ProviderType}/{@code @ConsumerType} decide what a change
 * means) and says each version bump that is missing.
 */
final class PackageComparison {
  /** A package, or the bundle itself, whose version is lower than its change needs. */
  record Problem(String module, String packageName, String change, String declared, String required) {
    @Override
    public String toString() {
      return module + ": " + (packageName == null ? "bundle version" : "package " + packageName) + " is " + declared
          + " but needs " + required + " (" + change + ")";
    }
  }

  private PackageComparison() {}

  /** @return what is wrong with {@code newer} against the release {@code older}; empty when every bump suffices */
  static List<Problem> compare(String module, File newer, File older) throws Exception {
    List<Problem> problems = new ArrayList<>();
    try (Processor reporter = new Processor(); Jar n = new Jar(newer); Jar o = new Jar(older)) {
      Baseline baseline = new Baseline(reporter, new DiffPluginImpl());
      for (Baseline.Info info : baseline.baseline(n, o, null)) {
        if (info.mismatch) {
          problems.add(new Problem(module, info.packageName, describe(info.packageDiff), String.valueOf(info.newerVersion),
              String.valueOf(info.suggestedVersion)));
        }
      }
      Baseline.BundleInfo bundle = baseline.getBundleInfo();
      if (bundle.mismatch) {
        problems.add(new Problem(module, null, "its packages changed", String.valueOf(bundle.newerVersion),
            String.valueOf(bundle.suggestedVersion)));
      }
    }
    return problems;
  }

  /** @return the leaf changes that drive a diff's delta, e.g. "method count() REMOVED from interface io.dataknobs.api.Database" */
  static String describe(Diff diff) {
    List<String> out = new ArrayList<>();
    collect(diff, diff.getDelta(), null, out);
    return out.isEmpty() ? diff.getDelta().toString() : String.join("; ", out.subList(0, Math.min(5, out.size())))
        + (out.size() > 5 ? "; and " + (out.size() - 5) + " more" : "");
  }

  private static void collect(Diff d, Delta driving, Diff parent, List<String> out) {
    Delta delta = d.getDelta();
    if (delta == Delta.UNCHANGED || delta == Delta.IGNORED) {
      return;
    }
    boolean leaf = d.getChildren().stream().noneMatch(c -> c.getDelta() != Delta.UNCHANGED && c.getDelta() != Delta.IGNORED);
    if (leaf) {
      String where = parent == null ? "" : " in " + parent.getType().toString().toLowerCase() + " " + parent.getName();
      out.add(d.getType().toString().toLowerCase() + " " + d.getName() + " " + delta + where);
      return;
    }
    for (Diff c : d.getChildren()) {
      collect(c, driving, d, out);
    }
  }
}

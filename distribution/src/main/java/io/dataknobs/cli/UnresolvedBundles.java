package io.dataknobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Says why a bundle stays {@code INSTALLED}: for each of its mandatory, resolve-time requirements
 * (imports first) that no bundle in the framework can satisfy, the requirement as the bundle
 * states it and what the framework offers under the same name instead. An operator reads from
 * it that, say, a backend built for api 1.x was dropped beside api 2.0.
 */
final class UnresolvedBundles {
  private UnresolvedBundles() {}

  /** @return one line per unresolved bundle naming its unsatisfied requirements, sorted */
  static List<String> explain(BundleContext ctx) {
    Bundle[] bundles = ctx.getBundles();
    List<String> out = new ArrayList<>();
    for (Bundle b : bundles) {
      BundleRevision rev = b.adapt(BundleRevision.class);
      if (b.getState() != Bundle.INSTALLED || rev == null || (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      for (Requirement req : rev.getRequirements(null)) {
        if (mandatoryAtResolve(req) && !satisfiable(req, bundles)) {
          missing.add(describe(req, bundles));
        }
      }
      out.add(b.getSymbolicName() + " " + b.getVersion() + " is not resolved: "
          + (missing.isEmpty() ? "every requirement has a provider, but a provider is itself unresolved" : String.join("; ", missing)));
    }
    out.sort(null);
    return out;
  }

  private static boolean mandatoryAtResolve(Requirement req) {
    Map<String, String> d = req.getDirectives();
    return !Namespace.RESOLUTION_OPTIONAL.equals(d.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
        && Namespace.EFFECTIVE_RESOLVE.equals(d.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE));
  }

  private static boolean satisfiable(Requirement req, Bundle[] bundles) {
    Filter filter = filter(req);
    for (Bundle b : bundles) {
      BundleRevision rev = b.adapt(BundleRevision.class);
      if (rev != null) {
        for (Capability cap : rev.getCapabilities(req.getNamespace())) {
          if (filter == null || filter.matches(cap.getAttributes())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Filter filter(Requirement req) {
    String f = req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
    try {
      return f == null ? null : FrameworkUtil.createFilter(f);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("a bundle's requirement has a filter the framework accepted but cannot parse: " + f, e);
    }
  }

  /** "imports io.dataknobs.api [1.0.0,2.0.0), but the container offers only io.dataknobs.api 2.0.0 from …". */
  private static String describe(Requirement req, Bundle[] bundles) {
    String ns = req.getNamespace();
    String name = nameIn(req);
    String what = switch (ns) {
      case "osgi.wiring.package" -> "imports " + name;
      case "osgi.wiring.bundle" -> "requires bundle " + name;
      default -> "requires " + ns;
    };
    TreeSet<String> offered = new TreeSet<>();
    if (name != null) {
      for (Bundle b : bundles) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        if (rev != null) {
          for (Capability cap : rev.getCapabilities(ns)) {
            if (name.equals(cap.getAttributes().get(ns))) {
              Object v = cap.getAttributes().get(versionKey(ns));
              offered.add(name + " " + v + " from " + b.getSymbolicName() + " " + b.getVersion());
            }
          }
        }
      }
    }
    String filter = req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
    return what + " " + (name == null ? filter : range(filter, versionKey(ns)))
        + (name == null ? "" : offered.isEmpty() ? ", and no bundle offers it" : ", but the container offers only " + String.join(", ", offered));
  }

  /** The version range a requirement filter states, as a header would write it ({@code [1.0.0,2.0.0)}). */
  static String range(String filter, String key) {
    Matcher high = Pattern.compile("\\(!\\(" + Pattern.quote(key) + ">=([^)]+)\\)\\)").matcher(filter);
    String upper = high.find() ? high.group(1) : null;
    Matcher low = Pattern.compile("\\(" + Pattern.quote(key) + "(>=|=)([^)]+)\\)").matcher(high.replaceAll(""));
    if (!low.find()) {
      return upper == null ? "(any version)" : "[0.0.0," + upper + ")";
    }
    if (low.group(1).equals("=")) {
      return "version " + low.group(2);
    }
    return upper == null ? "version " + low.group(2) + " or later" : "[" + low.group(2) + "," + upper + ")";
  }

  private static String versionKey(String ns) {
    return "osgi.wiring.bundle".equals(ns) ? Constants.BUNDLE_VERSION_ATTRIBUTE : Constants.VERSION_ATTRIBUTE;
  }

  /** The name a requirement asks for, read from its filter's {@code (namespace=name)} term. */
  private static String nameIn(Requirement req) {
    String f = req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
    String key = "(" + req.getNamespace() + "=";
    int i = f == null ? -1 : f.indexOf(key);
    if (i < 0) {
      return null;
    }
    int end = f.indexOf(')', i);
    return f.substring(i + key.length(), end);
  }
}

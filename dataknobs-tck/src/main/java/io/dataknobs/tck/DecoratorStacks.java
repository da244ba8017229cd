package io.dataknobs.tck;

import io.dataknobs.spi.DecoratorProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Decorator stacks under which a backend runs the TCK again (rule 28): each decorator found
 * on the class path alone, configured with its own {@link DecoratorProvider#conformanceSettings()},
 * and, when there are several, all of them stacked ({@code all}). Nothing here names a
 * decorator: a third party's decorator on the test class path is tested the same way.
 */
public final class DecoratorStacks {
  /** The stack of every installed decorator at once. */
  public static final String ALL = "all";

  private DecoratorStacks() {}

  /** @return the decorators {@link ServiceLoader} finds on the class path, by name */
  public static List<DecoratorProvider> installed() {
    List<DecoratorProvider> found = new ArrayList<>();
    ServiceLoader.load(DecoratorProvider.class, DecoratorStacks.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparing(DecoratorProvider::name));
    return found;
  }

  /**
   * @return every stack: each installed decorator's name, then {@link #ALL} when there are
   *     several
   * @throws IllegalStateException when no decorator is on the class path (a decorated TCK run
   *     that would test nothing)
   */
  public static List<String> names() {
    List<String> names = new ArrayList<>(installed().stream().map(DecoratorProvider::name).toList());
    if (names.isEmpty()) {
      throw new IllegalStateException("no DecoratorProvider on the test class path: add the decorator artifacts to test"
          + " (io.dataknobs:dataknobs-decorator-cache, -resilience, -metrics, or your own)");
    }
    if (names.size() > 1) {
      names.add(ALL);
    }
    return names;
  }

  /** @return the configuration sections of stack {@code name} */
  public static Map<String, Object> sections(String name) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (DecoratorProvider p : installed()) {
      all.put(p.name(), p.conformanceSettings());
    }
    if (name.equals(ALL)) {
      return all;
    }
    if (!all.containsKey(name)) {
      throw new IllegalArgumentException("no decorator stack '" + name + "'; stacks: " + names());
    }
    return Map.of(name, all.get(name));
  }

  /** @return {@code base} with the sections of stack {@code name} added */
  public static Map<String, Object> with(Map<String, Object> base, String name) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.putAll(sections(name));
    return m;
  }
}

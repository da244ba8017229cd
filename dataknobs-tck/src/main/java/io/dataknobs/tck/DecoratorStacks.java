package io.dataknobs.tck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decorator sections under which a backend runs the TCK again (rule 28): each decorator
 * alone, with limits high enough that a conforming run never meets them, and all of them
 * stacked. Merge {@link #sections(String)} into a fixture's base configuration.
 */
public final class DecoratorStacks {
  /** Every stack: each decorator alone, then {@code all}. */
  public static final List<String> NAMES = List.of("cache", "bulkhead", "rate_limit", "retry", "circuit_breaker", "metrics", "all");

  private DecoratorStacks() {}

  /** @return the configuration sections of stack {@code name} */
  public static Map<String, Object> sections(String name) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("cache", Map.of("records", Map.of("max_size", 1000, "ttl", "5m"), "queries", Map.of("max_size", 100, "ttl", "1m")));
    all.put("bulkhead", Map.of("max_concurrent", 64, "max_wait", "10s"));
    all.put("rate_limit", Map.of("per_second", 1_000_000, "timeout", "10s"));
    all.put("retry", Map.of("max_attempts", 3, "backoff", "10ms"));
    all.put("circuit_breaker", Map.of("failure_rate_threshold", 50, "minimum_calls", 20));
    all.put("metrics", true);
    if (name.equals("all")) {
      return all;
    }
    if (!all.containsKey(name)) {
      throw new IllegalArgumentException("no decorator stack '" + name + "'; stacks: " + NAMES);
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

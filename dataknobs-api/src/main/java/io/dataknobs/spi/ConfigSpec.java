package io.dataknobs.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration keys a backend or decorator accepts. Core validates every configuration
 * against it before {@link BackendProvider#open(BackendConfig)}: unknown keys are rejected
 * naming the nearest accepted key, values are converted to the key's type, defaults filled in,
 * required keys enforced.
 */
public final class ConfigSpec {
  private static final ConfigSpec EMPTY = new ConfigSpec(List.of());

  private final List<ConfigKey> keys;
  private final Map<String, ConfigKey> byName;

  private ConfigSpec(List<ConfigKey> keys) {
    this.keys = List.copyOf(keys);
    Map<String, ConfigKey> m = new LinkedHashMap<>();
    for (ConfigKey k : keys) {
      put(m, k.name(), k);
      for (String a : k.aliases()) {
        put(m, a, k);
      }
    }
    this.byName = Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, ConfigKey> m, String name, ConfigKey k) {
    ConfigKey prev = m.putIfAbsent(name, k);
    if (prev != null && prev != k) {
      throw new IllegalArgumentException("config key name '" + name + "' is declared twice");
    }
  }

  /** @return a spec accepting no keys */
  public static ConfigSpec empty() {
    return EMPTY;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the keys, in declaration order */
  public List<ConfigKey> keys() {
    return keys;
  }

  /** @return the key with this canonical name or alias */
  public Optional<ConfigKey> find(String nameOrAlias) {
    return Optional.ofNullable(byName.get(nameOrAlias));
  }

  /** @return every accepted name: canonical names and aliases */
  public List<String> acceptedNames() {
    return new ArrayList<>(byName.keySet());
  }

  @Override
  public String toString() {
    return "ConfigSpec" + keys;
  }

  /** Builds a {@link ConfigSpec}. */
  public static final class Builder {
    private final List<ConfigKey> keys = new ArrayList<>();

    private Builder() {}

    /** Adds a key. */
    public Builder add(ConfigKey key) {
      keys.add(key);
      return this;
    }

    /** Adds an optional key with a default (null for none). */
    public Builder add(String name, ConfigType type, Object defaultValue, String description) {
      return add(ConfigKey.of(name, type, description).withDefault(defaultValue));
    }

    /** Adds every key of {@code other}. */
    public Builder addAll(ConfigSpec other) {
      keys.addAll(other.keys);
      return this;
    }

    /**
     * @return the spec
     * @throws IllegalArgumentException if a name or alias is declared twice
     */
    public ConfigSpec build() {
      return new ConfigSpec(keys);
    }
  }
}

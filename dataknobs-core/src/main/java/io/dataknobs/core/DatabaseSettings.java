package io.dataknobs.core;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.core.internal.config.Conversions;
import io.dataknobs.spi.ConfigType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code databases} section of a {@link DataknobsConfig}, after variable
 * substitution, with typed access by dotted path ({@code pool.max_size}). Values are
 * converted on access; a wrong type names the full path. {@link #toString()} hides values.
 */
public final class DatabaseSettings {
  private final String name;
  private final String backend;
  private final Map<String, Object> values;

  DatabaseSettings(String name, String backend, Map<String, Object> values) {
    this.name = name;
    this.backend = backend;
    this.values = values;
  }

  /** @return the entry name under {@code databases} */
  public String name() {
    return name;
  }

  /** @return the backend: the {@code backend} key, or else the entry name */
  public String backend() {
    return backend;
  }

  /** @return the settings as a nested map (without the {@code backend} key) */
  public Map<String, Object> values() {
    return values;
  }

  /**
   * @return the raw value at a dotted path, or null; a segment may be nested
   *     ({@code pool: {max_size: 5}}) or written flat ({@code index.number_of_shards: 1})
   */
  public Object get(String path) {
    return lookup(values, path);
  }

  private static Object lookup(Object cur, String rest) {
    if (!(cur instanceof Map<?, ?>)) {
      return null;
    }
    Map<?, ?> m = (Map<?, ?>) cur;
    if (m.containsKey(rest)) {
      return m.get(rest);
    }
    for (int dot = rest.indexOf('.'); dot > 0; dot = rest.indexOf('.', dot + 1)) {
      Object child = m.get(rest.substring(0, dot));
      Object found = child == null ? null : lookup(child, rest.substring(dot + 1));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** @return true if a non-null value is set at {@code path} */
  public boolean has(String path) {
    return get(path) != null;
  }

  private Object typed(String path, ConfigType type) {
    Object v = get(path);
    return v == null ? null : Conversions.convert("databases." + name + "." + path, type, v, isSecret(path));
  }

  private static boolean isSecret(String path) {
    String p = path.toLowerCase(java.util.Locale.ROOT);
    return p.contains("password") || p.contains("secret") || p.contains("api_key") || p.contains("token");
  }

  /** @return the string at {@code path}, or null */
  public String getString(String path) {
    return (String) typed(path, ConfigType.STRING);
  }

  /** @return the integer at {@code path}, or null */
  public Integer getInt(String path) {
    return (Integer) typed(path, ConfigType.INT);
  }

  /** @return the long at {@code path}, or null */
  public Long getLong(String path) {
    return (Long) typed(path, ConfigType.LONG);
  }

  /** @return the number at {@code path}, or null */
  public Double getDouble(String path) {
    return (Double) typed(path, ConfigType.DOUBLE);
  }

  /** @return the boolean at {@code path}, or null */
  public Boolean getBoolean(String path) {
    return (Boolean) typed(path, ConfigType.BOOLEAN);
  }

  /** @return the duration at {@code path} (seconds, {@code 30s}, {@code PT1M}), or null */
  public Duration getDuration(String path) {
    return (Duration) typed(path, ConfigType.DURATION);
  }

  /** @return the size in bytes at {@code path} ({@code 8MB}), or null */
  public Long getSize(String path) {
    return (Long) typed(path, ConfigType.SIZE);
  }

  /** @return the list at {@code path}, or an empty list */
  @SuppressWarnings("unchecked")
  public List<Object> getList(String path) {
    Object v = typed(path, ConfigType.LIST);
    return v == null ? List.of() : (List<Object>) v;
  }

  /** @return the map at {@code path}, or an empty map */
  @SuppressWarnings("unchecked")
  public Map<String, Object> getMap(String path) {
    Object v = typed(path, ConfigType.MAP);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  /**
   * @return the value at {@code path}
   * @throws ConfigurationException naming the path if it is not set
   */
  public Object require(String path) {
    Object v = get(path);
    if (v == null) {
      throw new ConfigurationException("databases." + name + "." + path,
          "configuration key 'databases." + name + "." + path + "' is required");
    }
    return v;
  }

  @Override
  public String toString() {
    return "DatabaseSettings{" + name + ", backend=" + backend + ", keys=" + values.keySet() + "}";
  }
}

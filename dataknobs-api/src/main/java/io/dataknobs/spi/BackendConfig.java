package io.dataknobs.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated configuration handed to {@link BackendProvider#open(BackendConfig)} or
 * {@link DecoratorProvider#decorate}: values under canonical key names, converted to the
 * types of the {@link ConfigSpec}, defaults filled in. {@link #toString()} redacts secret
 * keys.
 *
 * <p>Beside the values it may carry <em>services</em>: objects the application hands to what it
 * opens (a Micrometer {@code MeterRegistry} for the {@code metrics} decorator). Services are not
 * configuration: they take no part in {@link #values()}, {@link #toString()} or a pool's identity.
 */
public final class BackendConfig {
  private final String name;
  private final Map<String, Object> values;
  private final Set<String> given;
  private final ConfigSpec spec;
  private final List<Object> services;

  /**
   * @param name the backend or decorator name
   * @param values the validated values by canonical key (defaults included)
   * @param given the keys the user gave explicitly
   * @param spec the spec the values were validated against
   */
  public BackendConfig(String name, Map<String, ?> values, Set<String> given, ConfigSpec spec) {
    this(name, values, given, spec, List.of());
  }

  private BackendConfig(String name, Map<String, ?> values, Set<String> given, ConfigSpec spec, List<?> services) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.given = Set.copyOf(given);
    this.spec = Objects.requireNonNull(spec, "spec");
    this.services = List.copyOf(services);
  }

  /**
   * @param services the objects the application hands to what it opens (none null)
   * @return this configuration carrying {@code services} instead of its own
   * @since spi 1.1
   */
  public BackendConfig withServices(List<?> services) {
    return new BackendConfig(name, values, given, spec, services);
  }

  /**
   * @return the services handed to what is opened, in the order given
   * @since spi 1.1
   */
  public List<Object> services() {
    return services;
  }

  /**
   * @param type the service's type
   * @return the first service that is a {@code type}
   * @since spi 1.1
   */
  public <T> java.util.Optional<T> service(Class<T> type) {
    return services.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** @return a configuration of {@code values} as given, with an empty spec (for tests) */
  public static BackendConfig of(String name, Map<String, ?> values) {
    return new BackendConfig(name, values, values.keySet(), ConfigSpec.empty());
  }

  /** @return the backend or decorator name */
  public String name() {
    return name;
  }

  /** @return the spec the values were validated against */
  public ConfigSpec spec() {
    return spec;
  }

  /** @return every value by canonical key, defaults included */
  public Map<String, Object> values() {
    return values;
  }

  /** @return true if the user gave {@code key} explicitly (not a default) */
  public boolean isGiven(String key) {
    return given.contains(key);
  }

  /** @return true if {@code key} has a non-null value (given or default) */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** @return the value of {@code key}, or null */
  public Object get(String key) {
    return values.get(key);
  }

  /** @return the value of {@code key} as a string, or null */
  public String getString(String key) {
    Object v = values.get(key);
    return v == null ? null : v.toString();
  }

  /** @return the value of {@code key} as an int, or {@code fallback} if absent */
  public int getInt(String key, int fallback) {
    Object v = values.get(key);
    return v == null ? fallback : ((Number) v).intValue();
  }

  /** @return the value of {@code key} as a long, or {@code fallback} if absent */
  public long getLong(String key, long fallback) {
    Object v = values.get(key);
    return v == null ? fallback : ((Number) v).longValue();
  }

  /** @return the value of {@code key} as a double, or {@code fallback} if absent */
  public double getDouble(String key, double fallback) {
    Object v = values.get(key);
    return v == null ? fallback : ((Number) v).doubleValue();
  }

  /** @return the value of {@code key} as a boolean, or {@code fallback} if absent */
  public boolean getBoolean(String key, boolean fallback) {
    Object v = values.get(key);
    return v == null ? fallback : (Boolean) v;
  }

  /** @return the value of {@code key} as a duration, or {@code fallback} if absent */
  public Duration getDuration(String key, Duration fallback) {
    Object v = values.get(key);
    return v == null ? fallback : (Duration) v;
  }

  /** @return the value of {@code key} as a list, or an empty list */
  @SuppressWarnings("unchecked")
  public List<Object> getList(String key) {
    Object v = values.get(key);
    return v == null ? List.of() : (List<Object>) v;
  }

  /** @return the value of {@code key} as a map, or an empty map */
  @SuppressWarnings("unchecked")
  public Map<String, Object> getMap(String key) {
    Object v = values.get(key);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  /** @return the values with secret keys replaced by {@code ******} */
  public Map<String, Object> redacted() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v != null && spec.find(k).map(ConfigKey::secret).orElse(false) ? "******" : v));
    return out;
  }

  @Override
  public String toString() {
    return "BackendConfig{" + name + " " + redacted() + "}";
  }
}

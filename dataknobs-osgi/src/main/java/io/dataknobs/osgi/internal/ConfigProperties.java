package io.dataknobs.osgi.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A configuration's properties as a database configuration: framework keys dropped, dotted keys
 * nested ({@code cache.records.max_size} becomes {@code cache: {records: {max_size}}}), and
 * {@code true}/{@code false} text made booleans for the sections that take one ({@code metrics = true}).
 */
final class ConfigProperties {
  private static final Set<String> FRAMEWORK = Set.of("service.pid", "service.factoryPid", "service.bundleLocation", "component.name",
      "component.id", "felix.fileinstall.filename", "dataknobs.source", "name");

  private ConfigProperties() {}

  /** @return the database configuration the properties hold, {@code backend} included */
  static Map<String, Object> of(Map<String, ?> properties) {
    Map<String, Object> out = new LinkedHashMap<>();
    properties.forEach((key, value) -> {
      if (FRAMEWORK.contains(key) || key.endsWith(".target")) {
        return;
      }
      Object v = value instanceof String s && (s.equals("true") || s.equals("false")) ? Boolean.valueOf(s)
          : value instanceof Object[] array ? java.util.List.of(array) : value;
      put(out, key, v);
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> into, String key, Object value) {
    int dot = key.indexOf('.');
    if (dot < 0) {
      into.put(key, value);
      return;
    }
    Object inner = into.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<String, Object>());
    if (inner instanceof Map<?, ?> m) {
      put((Map<String, Object>) m, key.substring(dot + 1), value);
    } else {
      into.put(key, value); // "metrics = true" beside "metrics.x": keep the dotted key, the factory names it if wrong
    }
  }

  /**
   * @return the database's name: the {@code name} property, else the configuration file's name
   *     after {@code <pid>-} without its extension, else the configuration's PID
   */
  static String name(Map<String, ?> properties, String factoryPid) {
    Object n = properties.get("name");
    if (n != null && !n.toString().isBlank()) {
      return n.toString();
    }
    Object file = properties.get("felix.fileinstall.filename");
    if (file != null) {
      String f = file.toString();
      f = f.substring(f.lastIndexOf('/') + 1);
      int ext = f.lastIndexOf('.');
      f = ext > 0 ? f.substring(0, ext) : f;
      return f.startsWith(factoryPid + "-") ? f.substring(factoryPid.length() + 1) : f;
    }
    return String.valueOf(properties.get("service.pid"));
  }

  /** @return the file the configuration came from, for messages, or its PID */
  static String origin(Map<String, ?> properties) {
    Object file = properties.get("dataknobs.source") != null ? properties.get("dataknobs.source") : properties.get("felix.fileinstall.filename");
    return file != null ? file.toString() : String.valueOf(properties.get("service.pid"));
  }
}

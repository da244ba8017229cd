package io.dataknobs.core.config;

import io.dataknobs.core.internal.config.Conversions;
import io.dataknobs.core.internal.config.Suggestions;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a raw configuration map against a {@link ConfigSpec}: nested sections are
 * flattened to dotted keys ({@code pool: {min_size: 20}} is {@code pool.min_size}) unless
 * the key itself is a {@link ConfigType#MAP}; aliases map to canonical names; values are
 * converted; required keys are enforced; defaults are filled in.
 */
public final class ConfigValidator {
  private ConfigValidator() {}

  /**
   * @param given a name that may be misspelt
   * @param known the names that exist
   * @return the name of {@code known} nearest to {@code given} (edit distance, case ignored), or
   *     null if none is close: what configuration errors suggest, for tools that check names of
   *     their own (fields, commands)
   * @since core.config 1.1
   */
  public static String nearest(String given, Collection<String> known) {
    return Suggestions.nearest(given, known);
  }


  /**
   * @param name backend or decorator name, for messages
   * @param spec the accepted keys
   * @param raw the configuration as given
   * @param otherAccepted further names accepted at the top level (decorator sections), used
   *     only to suggest the nearest key
   * @throws ConfigurationException for an unknown key (naming the nearest accepted key), a
   *     wrong type, a missing required key or a key given twice under two aliases
   */
  public static BackendConfig validate(String name, ConfigSpec spec, Map<String, ?> raw,
      Collection<String> otherAccepted) {
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> given = new LinkedHashSet<>();
    flatten(name, spec, "", raw, values, given, otherAccepted);
    for (ConfigKey k : spec.keys()) {
      if (!values.containsKey(k.name())) {
        if (k.required()) {
          throw new ConfigurationException(k.name(), "missing required configuration key '" + k.name()
              + "' for '" + name + "'" + (k.description().isEmpty() ? "" : " (" + k.description() + ")"));
        }
        if (k.defaultValue() != null) {
          values.put(k.name(), k.defaultValue());
        }
      }
    }
    return new BackendConfig(name, values, given, spec);
  }

  /** {@link #validate(String, ConfigSpec, Map, Collection)} without further names. */
  public static BackendConfig validate(String name, ConfigSpec spec, Map<String, ?> raw) {
    return validate(name, spec, raw, List.of());
  }

  private static void flatten(String name, ConfigSpec spec, String prefix, Map<String, ?> raw,
      Map<String, Object> values, Set<String> given, Collection<String> otherAccepted) {
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      String full = prefix + e.getKey();
      Object v = e.getValue();
      ConfigKey key = spec.find(full).orElse(null);
      if (key == null) {
        if (v instanceof Map<?, ?> && hasKeysUnder(spec, full + ".")) {
          @SuppressWarnings("unchecked")
          Map<String, ?> nested = (Map<String, ?>) v;
          flatten(name, spec, full + ".", nested, values, given, otherAccepted);
          continue;
        }
        throw unknown(name, spec, full, otherAccepted);
      }
      if (v == null) {
        continue;
      }
      if (given.contains(key.name())) {
        throw new ConfigurationException(full, "configuration key '" + key.name() + "' for '" + name
            + "' is given twice (as '" + full + "' and an alias)");
      }
      Object converted = Conversions.convert(full, key.type(), v, key.secret());
      checkRange(name, full, key, converted);
      values.put(key.name(), converted);
      given.add(key.name());
    }
  }

  /**
   * What no key accepts, whatever its backend: text with a NUL character (no path, name or
   * credential holds one), blank text where the key's default is not blank itself, and negative
   * counts, sizes and durations.
   */
  private static void checkRange(String name, String full, ConfigKey key, Object v) {
    String what = "configuration key '" + full + "' for '" + name + "'";
    if (v instanceof String s) {
      if (s.indexOf('\0') >= 0) {
        throw new ConfigurationException(full, what + " contains a NUL character");
      }
      boolean blankDefault = key.defaultValue() instanceof String d && d.isBlank();
      if (s.isBlank() && !blankDefault) {
        throw new ConfigurationException(full, what + " is blank; give " + key.type().description() + ", or leave the key out"
            + (key.defaultValue() == null ? "" : " for the default (" + (key.secret() ? "***" : key.defaultValue()) + ")"));
      }
    }
    boolean negative = v instanceof Integer i && i < 0 || v instanceof Long l && l < 0
        || v instanceof java.time.Duration d && d.isNegative();
    if (negative && key.type() != ConfigType.DOUBLE && key.type() != ConfigType.ANY) {
      throw new ConfigurationException(full, what + " must not be negative, got " + v);
    }
  }

  private static boolean hasKeysUnder(ConfigSpec spec, String prefix) {
    for (String n : spec.acceptedNames()) {
      if (n.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static ConfigurationException unknown(String name, ConfigSpec spec, String key,
      Collection<String> otherAccepted) {
    List<String> accepted = new ArrayList<>(spec.acceptedNames());
    accepted.addAll(otherAccepted);
    String nearest = Suggestions.nearest(key, accepted);
    String msg = "unknown configuration key '" + key + "' for '" + name + "'"
        + (nearest == null ? "" : "; did you mean '" + nearest + "'?")
        + " Accepted keys: " + (accepted.isEmpty() ? "(none)" : String.join(", ", accepted));
    return new ConfigurationException(key, msg, accepted, null);
  }
}

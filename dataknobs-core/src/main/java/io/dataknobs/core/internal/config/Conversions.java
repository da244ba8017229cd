package io.dataknobs.core.internal.config;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.ConfigType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts configuration values (from YAML, maps or environment substitution, so often
 * strings) to the Java type of a {@link ConfigType}. Errors name the key and the expected
 * type, and show the value only when the key is not secret.
 */
public final class Conversions {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?");

  private Conversions() {}

  /**
   * @param key the key, for messages
   * @param type the target type
   * @param value the raw value (non-null)
   * @param secret whether the value may be shown in messages
   * @return the converted value
   * @throws ConfigurationException naming the key and the expected type
   */
  public static Object convert(String key, ConfigType type, Object value, boolean secret) {
    try {
      Object out = convertOrNull(type, value);
      if (out != null) {
        return out;
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      // fall through to the typed error below
    }
    String shown = secret ? "" : ", got " + (value instanceof String ? "'" + value + "'" : String.valueOf(value))
        + " (" + value.getClass().getSimpleName() + ")";
    throw new ConfigurationException(key, "configuration key '" + key + "' expects " + type.description() + shown);
  }

  private static Object convertOrNull(ConfigType type, Object v) {
    switch (type) {
      case STRING:
        return v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : null;
      case INT:
        return integral(v) == null ? null : Math.toIntExact(integral(v));
      case LONG:
        return integral(v);
      case DOUBLE:
        if (v instanceof Number) {
          return ((Number) v).doubleValue();
        }
        return v instanceof String ? Double.valueOf(((String) v).trim()) : null;
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        if (v instanceof String) {
          String s = ((String) v).trim().toLowerCase(Locale.ROOT);
          return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
        }
        return null;
      case DURATION:
        return duration(v);
      case SIZE:
        return size(v);
      case LIST:
        if (v instanceof Collection<?>) {
          return List.copyOf((Collection<?>) v);
        }
        if (v instanceof String) {
          List<Object> parts = new ArrayList<>();
          for (String p : ((String) v).split(",")) {
            if (!p.isBlank()) {
              parts.add(p.trim());
            }
          }
          return List.copyOf(parts);
        }
        return List.of(v);
      case MAP:
        if (v instanceof Map<?, ?>) {
          Map<String, Object> m = new LinkedHashMap<>();
          ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), x));
          return java.util.Collections.unmodifiableMap(m);
        }
        return null;
      default:
        return v;
    }
  }

  private static Long integral(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number) {
      return new BigDecimal(v.toString()).longValueExact();
    }
    if (v instanceof String) {
      return new BigDecimal(((String) v).trim()).longValueExact();
    }
    return null;
  }

  /** Seconds as a number, {@code 250ms}/{@code 30s}/{@code 5m}/{@code 1h}/{@code 2d}, or ISO-8601. */
  public static Duration duration(Object v) {
    if (v instanceof Duration) {
      return (Duration) v;
    }
    if (v instanceof Number) {
      return seconds(new BigDecimal(v.toString()));
    }
    if (!(v instanceof String)) {
      return null;
    }
    String s = ((String) v).trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("pt") || s.startsWith("p")) {
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    }
    Matcher m = DURATION.matcher(s);
    if (m.matches()) {
      BigDecimal n = new BigDecimal(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofNanos(n.movePointRight(6).longValueExact());
        case "s":
          return seconds(n);
        case "m":
          return seconds(n.multiply(BigDecimal.valueOf(60)));
        case "h":
          return seconds(n.multiply(BigDecimal.valueOf(3600)));
        default:
          return seconds(n.multiply(BigDecimal.valueOf(86400)));
      }
    }
    return seconds(new BigDecimal(s));
  }

  private static Duration seconds(BigDecimal s) {
    if (s.signum() < 0) {
      throw new NumberFormatException("negative duration");
    }
    return Duration.ofNanos(s.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
  }

  /** Bytes as a number or with a unit: {@code B}, {@code KB}/{@code KiB}/{@code K} = 1024, {@code MB}, {@code GB}, {@code TB}. */
  public static Long size(Object v) {
    if (v instanceof Number) {
      return integral(v);
    }
    if (!(v instanceof String)) {
      return null;
    }
    Matcher m = SIZE.matcher(((String) v).trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    int shift = "b".equals(unit) ? 0 : 10 * (1 + "kmgt".indexOf(unit.charAt(0)));
    return n.multiply(BigDecimal.valueOf(2).pow(shift)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }
}

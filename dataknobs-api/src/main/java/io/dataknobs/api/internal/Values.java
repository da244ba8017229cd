package io.dataknobs.api.internal;

import io.dataknobs.api.RecordValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Normalizes values into the JSON-like model of records and compares them structurally.
 * Not API: the package is not exported.
 */
public final class Values {
  private Values() {}

  /**
   * Returns the canonical, immutable form of {@code value}: ints widened to {@code Long},
   * floats to {@code Double}, {@code BigInteger} to {@code BigDecimal}, offset/zoned times
   * and {@code Date} to {@code Instant}, enums and chars to strings, collections and arrays
   * to unmodifiable lists, maps to unmodifiable insertion-ordered maps with string keys.
   *
   * @param path where the value sits, used in error messages
   * @throws RecordValidationException for a type outside the model or an invalid key
   */
  public static Object normalize(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Long || value instanceof Double || value instanceof Instant
        || value instanceof LocalDate) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.util.concurrent.atomic.AtomicInteger
        || value instanceof java.util.concurrent.atomic.AtomicLong) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return Double.valueOf(value.toString());
    }
    if (value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof byte[]) {
      return value;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Enum<?>) {
      return ((Enum<?>) value).name();
    }
    if (value instanceof OffsetDateTime) {
      return ((OffsetDateTime) value).toInstant();
    }
    if (value instanceof ZonedDateTime) {
      return ((ZonedDateTime) value).toInstant();
    }
    if (value instanceof Date) {
      return ((Date) value).toInstant();
    }
    if (value instanceof Map<?, ?>) {
      return normalizeMap((Map<?, ?>) value, path);
    }
    if (value instanceof Collection<?>) {
      return normalizeList(((Collection<?>) value).iterator(), path);
    }
    if (value instanceof Object[]) {
      return normalizeList(Arrays.asList((Object[]) value).iterator(), path);
    }
    throw new RecordValidationException(path,
        "value of field '" + path + "' has unsupported type " + value.getClass().getName()
            + " (supported: null, Boolean, numbers, String, Instant, LocalDate, byte[], List, Map)");
  }

  /** Normalizes a map of field names to values; see {@link #normalize(Object, String)}. */
  public static Map<String, Object> normalizeMap(Map<?, ?> map, String path) {
    Objects.requireNonNull(map, "map");
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object k = e.getKey();
      if (!(k instanceof String)) {
        throw new RecordValidationException(path,
            "field names must be strings, got " + (k == null ? "null" : k.getClass().getName())
                + (path.isEmpty() ? "" : " under '" + path + "'"));
      }
      String key = (String) k;
      String child = path.isEmpty() ? key : path + "." + key;
      if (key.indexOf('.') >= 0) {
        throw new RecordValidationException(child,
            "field name '" + key + "' contains '.', which separates path segments");
      }
      if (key.isEmpty()) {
        throw new RecordValidationException(child, "field name must not be empty"
            + (path.isEmpty() ? "" : " (under '" + path + "')"));
      }
      out.put(key, normalize(e.getValue(), child));
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<Object> normalizeList(Iterator<?> it, String path) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (it.hasNext()) {
      out.add(normalize(it.next(), path + "[" + i++ + "]"));
    }
    return Collections.unmodifiableList(out);
  }

  /** Structural equality over normalized values ({@code byte[]} by content). */
  public static boolean deepEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof byte[] && b instanceof byte[]) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    if (a instanceof Map<?, ?> && b instanceof Map<?, ?>) {
      Map<?, ?> ma = (Map<?, ?>) a;
      Map<?, ?> mb = (Map<?, ?>) b;
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !deepEquals(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> && b instanceof List<?>) {
      List<?> la = (List<?>) a;
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!deepEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Hash code consistent with {@link #deepEquals(Object, Object)}. */
  public static int deepHash(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof byte[]) {
      return Arrays.hashCode((byte[]) v);
    }
    if (v instanceof Map<?, ?>) {
      int h = 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        h += Objects.hashCode(e.getKey()) ^ deepHash(e.getValue());
      }
      return h;
    }
    if (v instanceof List<?>) {
      int h = 1;
      for (Object o : (List<?>) v) {
        h = 31 * h + deepHash(o);
      }
      return h;
    }
    return v.hashCode();
  }

  /** A readable rendering of a value for messages and {@code toString} (bytes abbreviated). */
  public static String render(Object v) {
    if (v instanceof byte[]) {
      return "byte[" + ((byte[]) v).length + "]";
    }
    if (v instanceof String) {
      return "\"" + v + "\"";
    }
    if (v instanceof Map<?, ?>) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(e.getKey()).append('=').append(render(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (v instanceof List<?>) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : (List<?>) v) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(render(o));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }
}

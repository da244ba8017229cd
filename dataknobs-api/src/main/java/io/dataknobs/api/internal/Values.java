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
   * <p>A value to be stored must also be one every engine holds exactly (see
   * {@link #requireStorable}); a filter operand need not be ({@link #normalizeOperand}).
   *
   * @param path where the value sits, used in error messages
   * @throws RecordValidationException for a type outside the model, an invalid key, or a value
   *     no engine can hold exactly
   */
  public static Object normalize(Object value, String path) {
    return normalize(value, path, true);
  }

  /** As {@link #normalize(Object, String)} for a filter operand: any string and any number are accepted. */
  public static Object normalizeOperand(Object value, String path) {
    return normalize(value, path, false);
  }

  private static Object normalize(Object value, String path, boolean stored) {
    if (stored && value instanceof String str) {
      if (invalidAt(str) >= 0) {
        requireText(str, path, "value of field '" + path + "'");
      }
      return value;
    }
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
    if (value instanceof BigDecimal d) {
      return stored ? requireExactNumber(d, path) : d;
    }
    if (value instanceof BigInteger) {
      BigDecimal d = new BigDecimal((BigInteger) value);
      return stored ? requireExactNumber(d, path) : d;
    }
    if (value instanceof byte[]) {
      return value;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return normalize(value.toString(), path, stored);
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
      return normalizeMap((Map<?, ?>) value, path, stored);
    }
    if (value instanceof Collection<?>) {
      return normalizeList(((Collection<?>) value).iterator(), path, stored);
    }
    if (value instanceof Object[]) {
      return normalizeList(Arrays.asList((Object[]) value).iterator(), path, stored);
    }
    throw new RecordValidationException(path,
        "value of field '" + path + "' has unsupported type " + value.getClass().getName()
            + " (supported: null, Boolean, numbers, String, Instant, LocalDate, byte[], List, Map)");
  }

  /** Normalizes a map of field names to values; see {@link #normalize(Object, String)}. */
  public static Map<String, Object> normalizeMap(Map<?, ?> map, String path) {
    return normalizeMap(map, path, true);
  }

  private static Map<String, Object> normalizeMap(Map<?, ?> map, String path, boolean stored) {
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
      if (stored && invalidAt(key) >= 0) {
        // the message is built only for a name that fails: every record read and written passes here
        requireText(key, child, "field name '" + printable(key) + "'" + (path.isEmpty() ? "" : " under '" + path + "'"));
      }
      out.put(key, normalize(e.getValue(), child, stored));
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<Object> normalizeList(Iterator<?> it, String path, boolean stored) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (it.hasNext()) {
      out.add(normalize(it.next(), path + "[" + i++ + "]", stored));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @param text any text
   * @return the index of the first NUL or lone surrogate in {@code text}, or -1 if it has none
   */
  public static int invalidAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (!(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  /**
   * Text every engine stores and reads back unchanged: no NUL character (PostgreSQL cannot store
   * it, SQLite's string functions stop at it) and no lone UTF-16 surrogate (not encodable in
   * UTF-8 or JSON, so an engine would replace it).
   *
   * @param text a field name, string value or id
   * @param field the path reported in the exception
   * @param what how the message names the text
   * @throws RecordValidationException naming {@code field} and the offending position
   */
  public static void requireText(String text, String field, String what) {
    int i = invalidAt(text);
    if (i < 0) {
      return;
    }
    char c = text.charAt(i);
    if (c == 0) {
      throw new RecordValidationException(field, what + " contains a NUL character (U+0000) at index " + i
          + ", which not every engine can store; remove it or encode the text (Base64, or a byte[] value)");
    }
    throw new RecordValidationException(field, what + " contains a lone UTF-16 surrogate (U+"
        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i
        + ", which is not valid Unicode and cannot be stored unchanged; fix the text or store it as a byte[] value");
  }


  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /**
   * A stored number must be one every engine holds and compares exactly: a whole number within
   * the range of a long, or a decimal that a double holds (its shortest decimal form is the
   * value, at most 17 significant digits). Anything else would be rounded by some engine.
   */
  private static BigDecimal requireExactNumber(BigDecimal d, String path) {
    boolean whole = d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    if (whole && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
      return d;
    }
    double x = d.doubleValue();
    if (Double.isFinite(x) && BigDecimal.valueOf(x).compareTo(d) == 0) {
      return d;
    }
    String shown = d.toString();
    throw new RecordValidationException(path, "value " + (shown.length() > 60 ? shown.substring(0, 57) + "..." : shown)
        + " of field '" + path + "' is a number no engine can hold exactly: stored numbers are whole numbers within"
        + " the range of a long or decimals a double holds (at most 17 significant digits); store it as a string to keep every digit");
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 32 || Character.isSurrogate(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return sb.toString();
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

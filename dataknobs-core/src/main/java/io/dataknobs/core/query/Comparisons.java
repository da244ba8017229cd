package io.dataknobs.core.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Value semantics shared by every backend (rules 14 and 18): numeric equality across
 * {@code Long}/{@code Double}/{@code BigDecimal}, strings by code point, temporal values
 * chronologically (also against ISO-8601 strings), and a total order for sorting values of
 * mixed types: numbers, then strings, booleans, temporals, bytes, lists, maps.
 */
public final class Comparisons {
  private Comparisons() {}

  /** @return true for {@code Long}, {@code Double} and {@code BigDecimal} (normalized numbers) */
  public static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double || v instanceof BigDecimal;
  }

  private static boolean isTemporal(Object v) {
    return v instanceof Instant || v instanceof LocalDate;
  }

  /** Compares two numbers numerically ({@code 1 == 1.0}); NaN sorts above everything. */
  public static int compareNumbers(Object a, Object b) {
    if (a instanceof Long && b instanceof Long) {
      return Long.compare((Long) a, (Long) b);
    }
    if (a instanceof Double x && b instanceof Double y && Double.isFinite(x) && Double.isFinite(y)) {
      // finite doubles order as their decimal forms do (-0.0 equals 0.0), without writing them
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof Double && !Double.isFinite((Double) a) || b instanceof Double && !Double.isFinite((Double) b)) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    return decimal(a).compareTo(decimal(b));
  }

  /**
   * A key two finite numbers share exactly when {@link #compareNumbers} finds them equal
   * ({@code 1}, {@code 1.0} and a decimal {@code 1.00} share one; so do a decimal {@code 0.1} and
   * the double {@code 0.1}, which compares as its shortest decimal form): the double whose shortest
   * decimal form the number is ({@code 0.0} for zero), else the number's decimal without trailing
   * zeros. Grouping and long IN lists hash by it; a double or a long a double holds exactly is its
   * own key, so no text is written on the way.
   *
   * @param n a {@code Long}, a finite {@code Double} or a {@code BigDecimal}
   * @return its key
   */
  static Object numberKey(Object n) {
    if (n instanceof Double d) {
      return d == 0 ? 0.0 : d;
    }
    if (n instanceof Long l && l >= -(1L << 53) && l <= 1L << 53) {
      // such a long is a double exactly, and that double's shortest decimal form is the long
      return l == 0 ? 0.0 : (double) l;
    }
    BigDecimal b = decimal(n);
    double d = b.doubleValue();
    if (Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(b) == 0) {
      return d == 0 ? 0.0 : d;
    }
    return b.stripTrailingZeros();
  }

  static BigDecimal decimal(Object n) {
    if (n instanceof BigDecimal) {
      return (BigDecimal) n;
    }
    if (n instanceof Long) {
      return BigDecimal.valueOf((Long) n);
    }
    return BigDecimal.valueOf(((Number) n).doubleValue());
  }

  /** Compares strings by Unicode code point (not UTF-16 unit), case-sensitive. */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** @return the instant of a temporal value or ISO-8601 string, or null if it is neither */
  public static Instant toInstant(Object v) {
    if (v instanceof Instant) {
      return (Instant) v;
    }
    if (v instanceof LocalDate) {
      return ((LocalDate) v).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (v instanceof String) {
      String s = (String) v;
      if (s.length() < 10 || !Character.isDigit(s.charAt(0))) {
        return null;
      }
      try {
        if (s.length() == 10) {
          return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(s);
        } catch (DateTimeParseException e2) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Equality of a stored value with a filter value (rule 14): numbers numerically, a
   * string never equals a number, a boolean only a boolean, a temporal filter value against
   * stored temporals or ISO strings chronologically. Null on either side is never equal.
   */
  public static boolean equal(Object stored, Object filter) {
    if (stored == null || filter == null) {
      return false;
    }
    if (isNumber(stored) && isNumber(filter)) {
      return compareNumbers(stored, filter) == 0;
    }
    if (isTemporal(filter) || isTemporal(stored) && !(filter instanceof String)) {
      Instant a = toInstant(stored);
      Instant b = toInstant(filter);
      return a != null && b != null && a.equals(b);
    }
    if (isTemporal(stored)) {
      return stored.toString().equals(filter);
    }
    if (stored instanceof String || stored instanceof Boolean) {
      // a final class is one comparison; the List and Map tests below search the value's interfaces
      return stored.equals(filter);
    }
    if (stored instanceof byte[] && filter instanceof byte[]) {
      return Arrays.equals((byte[]) stored, (byte[]) filter);
    }
    if (stored instanceof List<?> && filter instanceof List<?>) {
      List<?> a = (List<?>) stored;
      List<?> b = (List<?>) filter;
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) == null ? b.get(i) == null : equal(a.get(i), b.get(i)))) {
          return false;
        }
      }
      return true;
    }
    if (stored instanceof Map<?, ?> && filter instanceof Map<?, ?>) {
      Map<?, ?> a = (Map<?, ?>) stored;
      Map<?, ?> b = (Map<?, ?>) filter;
      if (!a.keySet().equals(b.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : a.entrySet()) {
        Object o = b.get(e.getKey());
        if (!(e.getValue() == null ? o == null : equal(e.getValue(), o))) {
          return false;
        }
      }
      return true;
    }
    return stored.getClass() == filter.getClass() && stored.equals(filter);
  }

  /**
   * Range comparison of a stored value with a filter value (rule 14).
   *
   * @return negative, zero or positive, or null when the types are incomparable (the
   *     filter then does not match)
   */
  public static Integer compareForRange(Object stored, Object filter) {
    if (stored == null || filter == null) {
      return null;
    }
    if (isNumber(stored) && isNumber(filter)) {
      return compareNumbers(stored, filter);
    }
    if (isTemporal(filter) || isTemporal(stored) && !(filter instanceof String)) {
      Instant a = toInstant(stored);
      Instant b = toInstant(filter);
      return a == null || b == null ? null : a.compareTo(b);
    }
    if (isTemporal(stored)) {
      return compareStrings(stored.toString(), (String) filter);
    }
    if (stored instanceof String && filter instanceof String) {
      return compareStrings((String) stored, (String) filter);
    }
    return null;
  }

  private static int rank(Object v) {
    if (isNumber(v)) {
      return 0;
    }
    if (v instanceof String) {
      return 1;
    }
    if (v instanceof Boolean) {
      return 2;
    }
    if (isTemporal(v)) {
      return 3;
    }
    if (v instanceof byte[]) {
      return 4;
    }
    if (v instanceof List<?>) {
      return 5;
    }
    return 6;
  }

  /**
   * The sort order of two non-null values: by type rank (numbers, strings, booleans,
   * temporals, bytes, lists, maps), then within the type. Consistent with {@link #equal}
   * for numbers.
   */
  public static int compareForSort(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    switch (ra) {
      case 0:
        return compareNumbers(a, b);
      case 1:
        return compareStrings((String) a, (String) b);
      case 2:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case 3:
        return toInstant(a).compareTo(toInstant(b));
      case 4:
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
      case 5: {
        List<?> la = (List<?>) a;
        List<?> lb = (List<?>) b;
        for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
          int c = compareNullsLast(la.get(i), lb.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(la.size(), lb.size());
      }
      default:
        return compareStrings(String.valueOf(a), String.valueOf(b));
    }
  }

  /** {@link #compareForSort} with null after every value. */
  public static int compareNullsLast(Object a, Object b) {
    if (a == null) {
      return b == null ? 0 : 1;
    }
    return b == null ? -1 : compareForSort(a, b);
  }
}

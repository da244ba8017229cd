package io.dataknobs.backend.duckdb;

import io.dataknobs.core.codec.RecordCodec;
import io.dataknobs.core.codec.TemporalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The typed-column values of one top-level field of a record: what {@link DuckDbDialect}'s JSON
 * expressions compute from the value as {@link RecordCodec} stores it (the agreement is tested
 * value by value), so a query reads the same answer from the columns as from the JSON. Each
 * value fills at most two of the five kinds of column: a number its integer or its double, a
 * string its text (and a hinted one its hint), anything else its class.
 *
 * @param other the class letter of a value that is neither number nor string ({@code t},
 *     {@code f}, {@code z}, {@code a}, {@code o})
 * @param number the value of a JSON number that is not an integer fitting a BIGINT
 * @param integral the value of an integral JSON number that fits a BIGINT
 * @param text the value of a JSON string (a hinted value's stored text)
 * @param hint the codec's type hint of the value
 */
record TypedValue(String other, Double number, Long integral, String text, String hint) {
  /** The kinds of column, in the order of {@link #kinds()} bits: other class, number, integer, text, hint. */
  static final String KINDS = "knish";

  static final TypedValue MISSING = new TypedValue(null, null, null, null, null);
  private static final TypedValue NULL = new TypedValue("z", null, null, null, null);
  private static final TypedValue TRUE = new TypedValue("t", null, null, null, null);
  private static final TypedValue FALSE = new TypedValue("f", null, null, null, null);
  private static final TypedValue ARRAY = new TypedValue("a", null, null, null, null);
  private static final TypedValue OBJECT = new TypedValue("o", null, null, null, null);
  /** An integer literal as JSON writes it (DuckDB's JSON reads it as BIGINT or UBIGINT). */
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /**
   * @param data a record's data
   * @param field a top-level field
   * @return the typed values of the field
   */
  static TypedValue of(Map<String, Object> data, String field) {
    Object v = data.get(field);
    if (v == null) {
      return data.containsKey(field) ? NULL : MISSING;
    }
    if (v instanceof String s) {
      return new TypedValue(null, null, null, s, null);
    }
    if (v instanceof Long l) {
      return new TypedValue(null, null, l, null, null);
    }
    if (v instanceof Boolean b) {
      return b ? TRUE : FALSE;
    }
    if (v instanceof Double d) {
      // the codec stores non-finite values and -0.0 as hinted strings
      return Double.isFinite(d) && !(d == 0 && Double.doubleToRawLongBits(d) != 0) ? new TypedValue(null, d, null, null, null)
          : new TypedValue(null, null, null, Double.toString(d), RecordCodec.DOUBLE);
    }
    if (v instanceof BigDecimal b) {
      // the JSON text the codec writes decides whether the engine reads an integer
      String json = b.toString();
      Long integral = INTEGER.matcher(json).matches() && b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? b.longValueExact() : null;
      return new TypedValue(null, integral == null ? b.doubleValue() : null, integral, null, RecordCodec.DECIMAL);
    }
    if (v instanceof Instant i) {
      return new TypedValue(null, null, null, TemporalText.text(i), RecordCodec.INSTANT);
    }
    if (v instanceof LocalDate d) {
      return new TypedValue(null, null, null, TemporalText.text(d), RecordCodec.DATE);
    }
    if (v instanceof byte[] bytes) {
      return new TypedValue(null, null, null, Base64.getEncoder().encodeToString(bytes), RecordCodec.BYTES);
    }
    if (v instanceof Map<?, ?>) {
      return OBJECT;
    }
    if (v instanceof List<?>) {
      return ARRAY;
    }
    throw new IllegalArgumentException("no typed columns for a " + v.getClass().getName() + " at '" + field + "'");
  }

  /**
   * The kinds {@code of(data, field).kinds()} fills for a field the record holds, without writing
   * any value's text or making a {@code TypedValue}: every write asks this of every field of every
   * record before appending it.
   *
   * @param v the value of a field present in a record (null for a JSON null)
   * @return the kinds of column the value fills, as bits in the order of {@link #KINDS}
   */
  static int kindsOf(Object v) {
    if (v instanceof String) {
      return 8;
    }
    if (v instanceof Long) {
      return 4;
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) && !(d == 0 && Double.doubleToRawLongBits(d) != 0) ? 2 : 8 | 16;
    }
    if (v == null || v instanceof Boolean) {
      return 1;
    }
    if (v instanceof Instant || v instanceof LocalDate || v instanceof byte[]) {
      return 8 | 16;
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return 1;
    }
    return of(java.util.Collections.singletonMap("v", v), "v").kinds();
  }

  /**
   * Whether the columns hold {@code v} exactly, so the JSON may leave it out: anything but a
   * decimal (its scale lives in the JSON), an array or an object. The final classes a record holds
   * are tested first: each is one class comparison, where a test against an interface (Map, List)
   * searches the value's supertypes, about 60 ns a value on JDK 17 (a third of a DuckDB row's
   * encoding when tested first).
   *
   * @param v the value of a field present in a record
   * @return true unless it is a BigDecimal, a Map or a List
   */
  static boolean heldExactly(Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof Instant
        || v instanceof LocalDate) {
      return true;
    }
    return !(v instanceof BigDecimal || v instanceof Map<?, ?> || v instanceof List<?>);
  }

  /** @return the kinds of column this value fills, as bits in the order of {@link #KINDS} */
  int kinds() {
    return (other != null ? 1 : 0) | (number != null ? 2 : 0) | (integral != null ? 4 : 0) | (text != null ? 8 : 0) | (hint != null ? 16 : 0);
  }

  /** @return the value of column kind {@code kind} (an index into {@link #KINDS}) */
  Object get(int kind) {
    return switch (kind) {
      case 0 -> other;
      case 1 -> number;
      case 2 -> integral;
      case 3 -> text;
      default -> hint;
    };
  }

  /**
   * Puts the value a row's typed columns hold for {@code field} into {@code data}, if they hold
   * one the JSON left out.
   *
   * @param data the row's data
   * @param field the field
   * @param columns the non-null column values by kind (see {@link #KINDS})
   */
  static void restore(Map<String, Object> data, String field, Object[] columns) {
    String hint = (String) columns[4];
    if (columns[2] != null) {
      data.put(field, RecordCodec.hintedValue(hint, ((Number) columns[2]).longValue()));
    } else if (columns[1] != null) {
      data.put(field, RecordCodec.hintedValue(hint, ((Number) columns[1]).doubleValue()));
    } else if (columns[3] != null) {
      data.put(field, RecordCodec.hintedValue(hint, columns[3]));
    } else if (columns[0] != null) {
      switch ((String) columns[0]) {
        case "t" -> data.put(field, Boolean.TRUE);
        case "f" -> data.put(field, Boolean.FALSE);
        case "z" -> data.put(field, null);
        default -> { } // arrays and objects live in the JSON
      }
    }
  }
}

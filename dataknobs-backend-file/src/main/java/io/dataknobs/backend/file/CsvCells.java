package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values as CSV cells and back. A cell's text is read as the value it looks like: empty is no
 * value (the field is absent), {@code true}/{@code false} a boolean, an integer written as Java
 * writes it a long, another decimal number a double, anything else a string (so {@code 007} stays
 * text). A value whose text would read back as something else gets a type in the row's
 * {@code @types} cell: {@code string} (a string that looks like a number, or is empty),
 * {@code null}, {@code json} (a list or map, written as JSON), or a {@link RecordCodec} hint
 * (Instants, dates, decimals, bytes, non-finite doubles). A column can also be declared a type
 * for every row.
 */
final class CsvCells {
  private static final RecordCodec CODEC = RecordCodec.standard();
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
  /** A decimal number with a point or an exponent, written without leading zeros (so {@code 007} and {@code 1.} stay text). */
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)");

  /** The types a column may be declared. */
  static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "instant", "date", "json");

  /** A value as a cell: its text, and the type it needs in {@code @types} (null if none). */
  record Cell(String text, String type) {}

  /** What a cell's text stands for when nothing says its type: {@link #ABSENT} for empty. */
  static final Object ABSENT = new Object();

  private CsvCells() {}

  static Object infer(String text) {
    if (text.isEmpty()) {
      return ABSENT;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    if (INTEGER.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (DECIMAL.matcher(text).matches()) {
      double d = Double.parseDouble(text);
      return Double.isFinite(d) ? (Object) d : text;
    }
    return text;
  }

  /** @return the cell of {@code value} in column {@code column}; nested hints go to {@code hints} */
  static Cell encode(String column, Object value, Map<String, String> hints) {
    if (value == null) {
      return new Cell("", "null");
    }
    if (value instanceof String s) {
      return new Cell(s, s.equals(infer(s)) ? null : "string");
    }
    if (value instanceof Boolean || value instanceof Long) {
      return new Cell(value.toString(), null);
    }
    if (value instanceof Double d) {
      String text = d.toString();
      return new Cell(text, d.equals(infer(text)) ? null : RecordCodec.DOUBLE);
    }
    if (value instanceof BigDecimal b) {
      return new Cell(b.toString(), RecordCodec.DECIMAL);
    }
    if (value instanceof Instant || value instanceof LocalDate) {
      return new Cell(value.toString(), value instanceof Instant ? RecordCodec.INSTANT : RecordCodec.DATE);
    }
    if (value instanceof byte[] b) {
      return new Cell(Base64.getEncoder().encodeToString(b), RecordCodec.BYTES);
    }
    // a list or map: its JSON, with the hints of what it holds under the column's path
    RecordCodec.Encoded e = CODEC.encode(Map.of("v", value));
    e.hints().forEach((path, hint) -> hints.put(column + path.substring(1), hint));
    return new Cell(e.json().substring(5, e.json().length() - 1), "json");
  }

  /**
   * @param type the cell's type from {@code @types} or the column's declaration, or null
   * @param hints the row's hints (nested ones for {@code json})
   * @return the value, or {@link #ABSENT}
   * @throws IllegalArgumentException if the text is not of that type
   */
  static Object decode(String column, String text, String type, Map<String, String> hints) {
    if (type == null) {
      return infer(text);
    }
    if (text.isEmpty() && !type.equals("string") && !type.equals("null")) {
      return ABSENT;
    }
    return switch (type) {
      case "string" -> text;
      case "null" -> null;
      case "integer" -> Long.parseLong(text);
      case "number" -> infer(text) instanceof Number n ? n : fail(text, type);
      case "boolean" -> text.equals("true") || text.equals("false") ? Boolean.valueOf(text) : fail(text, type);
      case "json" -> {
        Map<String, String> nested = new LinkedHashMap<>();
        String prefix = column + ".";
        hints.forEach((path, hint) -> {
          if (path.startsWith(prefix)) {
            nested.put("v" + path.substring(column.length()), hint);
          }
        });
        yield CODEC.decode("{\"v\":" + text + "}", nested).get("v");
      }
      case RecordCodec.DECIMAL -> exactOrText(new BigDecimal(text), text);
      default -> RecordCodec.hintedValue(type, text);
    };
  }

  /** @return the decimal, or its text where a record cannot hold it exactly (more digits than a double keeps: a file written elsewhere) */
  private static Object exactOrText(BigDecimal d, String text) {
    try {
      Record.builder().put("v", d).build();
      return d;
    } catch (io.dataknobs.api.RecordValidationException e) {
      return text;
    }
  }

  private static Object fail(String text, String type) {
    throw new IllegalArgumentException("'" + text + "' is not " + (type.equals("integer") ? "an " : "a ") + type);
  }

  /** @return the data value of a record's field as a cell, or null when the record lacks it */
  static Cell cellOf(Record r, String column, Map<String, String> hints) {
    if (!r.data().containsKey(column)) {
      return null;
    }
    return encode(column, r.data().get(column), hints);
  }
}

package io.dataknobs.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.Record;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON encoding of record values for backends that store JSON (rule 10). Values are written
 * in their natural JSON form, so engines can filter on them: an {@code Instant} or
 * {@code LocalDate} as its ISO-8601 string, a {@code BigDecimal} as a JSON number,
 * {@code byte[]} as base64, a non-finite double as a string. What JSON alone would lose is
 * kept in a small side map of <em>type hints</em> (dotted path → {@code instant},
 * {@code date}, {@code decimal}, {@code bytes}, {@code double}), empty for plain data, which
 * {@link #decode(String, Map)} uses to restore the exact Java types. Thread-safe.
 */
public final class RecordCodec {
  /** Hint: ISO-8601 string that is an {@link Instant}. */
  public static final String INSTANT = "instant";
  /** Hint: ISO-8601 string that is a {@link LocalDate}. */
  public static final String DATE = "date";
  /** Hint: number that is a {@link BigDecimal}. */
  public static final String DECIMAL = "decimal";
  /** Hint: base64 string that is a {@code byte[]}. */
  public static final String BYTES = "bytes";
  /** Hint: string that is a non-finite {@code Double} or negative zero. */
  public static final String DOUBLE = "double";

  private static final RecordCodec STANDARD = new RecordCodec();

  private final ObjectMapper mapper = new ObjectMapper()
      // ints as Integer, Long or BigInteger as they fit (converted below): a whole number beyond a
      // long, stored before such numbers were refused, still reads back
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final JsonFactory factory = mapper.getFactory();

  private RecordCodec() {}

  /** @return the shared instance */
  public static RecordCodec standard() {
    return STANDARD;
  }

  /** A value tree encoded as JSON with its type hints. */
  public record Encoded(String json, Map<String, String> hints) {}

  private static final Encoded EMPTY = new Encoded("{}", Map.of());

  /** Encodes a data or metadata map. */
  public Encoded encode(Map<String, Object> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> hints = new LinkedHashMap<>(4);
    // Jackson's own writer of recycled buffers (what ObjectMapper.writeValueAsString uses): a
    // StringWriter appends through a synchronized StringBuffer and copies it once more at the end
    SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
    String json;
    try {
      try (JsonGenerator g = factory.createGenerator(out)) {
        write(g, values, new StringBuilder(), hints);
      }
      json = out.getAndClear();
    } catch (IOException e) {
      throw new DataknobsException("cannot encode record as JSON: " + e.getMessage(), e);
    }
    return new Encoded(json, hints);
  }

  private void write(JsonGenerator g, Object v, StringBuilder path, Map<String, String> hints) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Long) {
      g.writeNumber((Long) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Double) {
      double d = (Double) v;
      // non-finite values are not JSON numbers, and -0.0 would come back as 0.0
      if (!Double.isFinite(d) || d == 0 && Double.doubleToRawLongBits(d) != 0) {
        hints.put(path.toString(), DOUBLE);
        g.writeString(Double.toString(d));
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof BigDecimal) {
      hints.put(path.toString(), DECIMAL);
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof Instant) {
      hints.put(path.toString(), INSTANT);
      g.writeString(TemporalText.text((Instant) v));
    } else if (v instanceof LocalDate) {
      hints.put(path.toString(), DATE);
      g.writeString(TemporalText.text((LocalDate) v));
    } else if (v instanceof byte[]) {
      hints.put(path.toString(), BYTES);
      g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
    } else if (v instanceof Map<?, ?>) {
      g.writeStartObject();
      int len = path.length();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String k = e.getKey().toString();
        g.writeFieldName(k);
        step(path, len, k);
        write(g, e.getValue(), path, hints);
        path.setLength(len);
      }
      g.writeEndObject();
    } else if (v instanceof List<?>) {
      g.writeStartArray();
      int len = path.length();
      int i = 0;
      for (Object o : (List<?>) v) {
        step(path, len, i++);
        write(g, o, path, hints);
        path.setLength(len);
      }
      g.writeEndArray();
    } else {
      throw new DataknobsException("cannot encode a " + v.getClass().getName() + " at '" + path + "'");
    }
  }

  /**
   * Decodes JSON written by {@link #encode(Map)} with its hints back into record values, in one
   * pass over the text: numbers become doubles as they are read, or exact decimals where a hint
   * asks for one, with no intermediate tree.
   */
  public Map<String, Object> decode(String json, Map<String, String> hints) {
    if ("{}".equals(json)) {
      return new LinkedHashMap<>();
    }
    Map<String, String> h = hints == null || hints.isEmpty() ? null : hints;
    try (com.fasterxml.jackson.core.JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new DataknobsException("stored record JSON is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> out = (Map<String, Object>) read(p, h, new StringBuilder());
      if (p.nextToken() != null) {
        throw new DataknobsException("stored record JSON has text after its object");
      }
      return out;
    } catch (IOException e) {
      throw new DataknobsException("stored record is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Reads the value at the parser's current token; {@code path} names it for the hints. */
  private Object read(com.fasterxml.jackson.core.JsonParser p, Map<String, String> hints, StringBuilder path) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        Map<String, Object> out = new LinkedHashMap<>();
        int len = path.length();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
          if (hints != null) {
            step(path, len, key);
          }
          p.nextToken();
          out.put(key, read(p, hints, path));
          path.setLength(len);
        }
        return out;
      }
      case START_ARRAY: {
        List<Object> out = new ArrayList<>();
        int len = path.length();
        for (int i = 0; p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY; i++) {
          if (hints != null) {
            step(path, len, i);
          }
          out.add(read(p, hints, path));
          path.setLength(len);
        }
        return out;
      }
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        break;
    }
    String hint = hints == null ? null : hints.get(path.toString());
    Object raw = switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      // the tree this replaces read floats as exact decimals; only a hinted one needs that
      case VALUE_NUMBER_FLOAT -> hint == null ? (Object) p.getDoubleValue() : p.getDecimalValue();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      default -> throw new DataknobsException("unexpected " + p.currentToken() + " in stored record JSON");
    };
    return hint == null ? plain(raw) : hinted(hint, raw);
  }

  private Object convert(Object v, Map<String, String> hints, StringBuilder path) {
    String hint = hints == null ? null : hints.get(path.toString());
    // a parsed scalar is one of these classes: testing them first spares each leaf two interface
    // tests (Map, List), which search the value's supertypes (about 60 ns a value on JDK 17)
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return hint != null && v != null ? hinted(hint, v) : plain(v);
    }
    if (hint != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
      return hinted(hint, v);
    }
    if (v instanceof Map<?, ?>) {
      Map<String, Object> out = new LinkedHashMap<>();
      int len = path.length();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (hints != null) {
          step(path, len, e.getKey());
        }
        out.put((String) e.getKey(), convert(e.getValue(), hints, path));
        path.setLength(len);
      }
      return out;
    }
    if (v instanceof List<?>) {
      List<Object> out = new ArrayList<>(((List<?>) v).size());
      int len = path.length();
      int i = 0;
      for (Object o : (List<?>) v) {
        if (hints != null) {
          step(path, len, i);
        }
        i++;
        out.add(convert(o, hints, path));
        path.setLength(len);
      }
      return out;
    }
    return plain(v);
  }

  /** Extends a hint path of length {@code len} by one segment. */
  private static void step(StringBuilder path, int len, Object segment) {
    if (len > 0) {
      path.append('.');
    }
    path.append(segment);
  }

  /**
   * The value a stored scalar stands for under its type hint: an Instant, LocalDate or bytes
   * from their text, an exact decimal, a non-finite double from its text.
   *
   * @param hint a type hint ({@code instant}, {@code date}, {@code decimal}, {@code bytes},
   *     {@code double}), or null for none
   * @param stored the stored scalar: text, or a number
   * @return the value
   * @since core.codec 1.1
   */
  public static Object hintedValue(String hint, Object stored) {
    return hint == null ? plain(stored) : hinted(hint, stored);
  }

  /**
   * Whether {@code text} could be how a value other than text is stored as a JSON string: bytes
   * as padded base64 ({@link #BYTES}), a non-finite double or negative zero ({@link #DOUBLE}).
   * Only for such text does an equality on strings need to look at the value's hint; any other
   * text equals stored text only (Instants and dates compare as their text).
   *
   * @param text a string operand
   * @return true if a hinted non-text value may be stored as exactly this text
   * @since core.codec 1.2
   */
  public static boolean mayBeStoredNonText(String text) {
    switch (text) {
      case "NaN", "Infinity", "-Infinity", "-0.0":
        return true;
      default:
        break;
    }
    int n = text.length();
    if (n % 4 != 0) {
      return false;
    }
    int padding = n > 0 && text.charAt(n - 1) == '=' ? n > 1 && text.charAt(n - 2) == '=' ? 2 : 1 : 0;
    for (int i = 0; i < n - padding; i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  /** A scalar JSON value (as the parser reads it) under a type hint, as the type the hint names. */
  private static Object hinted(String hint, Object v) {
    return switch (hint) {
      case INSTANT -> TemporalText.instant((String) v);
      case DATE -> TemporalText.date((String) v);
      case DECIMAL -> v instanceof BigDecimal ? v : new BigDecimal(v.toString());
      case BYTES -> Base64.getDecoder().decode((String) v);
      case DOUBLE -> v instanceof String ? Double.valueOf((String) v) : Double.valueOf(((Number) v).doubleValue());
      default -> plain(v);
    };
  }

  /** A scalar JSON value without a hint: decimals as doubles, integers as longs (beyond a long, exact decimals). */
  private static Object plain(Object v) {
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).doubleValue();
    }
    if (v instanceof BigInteger) {
      return new BigDecimal((BigInteger) v);
    }
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    }
    return v;
  }

  /**
   * Hints JSON by hints: records of one shape share their hints, and writing them with Jackson
   * per record cost about 2% of a bulk insert. Bounded: past {@value #HINT_SHAPES} shapes it
   * starts over (core carries no cache library; a workload with that many shapes gains little).
   */
  private final Map<Map<String, String>, String> hintsJson = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int HINT_SHAPES = 1024;

  /** Encodes type hints as a JSON object ({@code "{}"} when empty). */
  public String hintsToJson(Map<String, String> hints) {
    String cached = hintsJson.get(hints);
    if (cached != null) {
      return cached;
    }
    try {
      String json = mapper.writeValueAsString(hints);
      if (hintsJson.size() >= HINT_SHAPES) {
        hintsJson.clear();
      }
      hintsJson.put(Map.copyOf(hints), json);
      return json;
    } catch (IOException e) {
      throw new DataknobsException("cannot encode type hints: " + e.getMessage(), e);
    }
  }

  /** Decodes type hints written by {@link #hintsToJson(Map)} (null or blank: none). */
  @SuppressWarnings("unchecked")
  public Map<String, String> hintsFromJson(String json) {
    if (json == null || json.isBlank() || json.equals("{}")) {
      return Map.of();
    }
    // records of one shape share their hints' text: parse each text once
    Map<String, String> cached = hintsRead.get(json);
    if (cached != null) {
      return cached;
    }
    try {
      Map<String, String> parsed = Map.copyOf(mapper.readValue(json, Map.class));
      if (hintsRead.size() >= HINT_SHAPES) {
        hintsRead.clear();
      }
      hintsRead.put(json, parsed);
      return parsed;
    } catch (IOException e) {
      throw new DataknobsException("stored type hints are not valid JSON: " + e.getMessage(), e);
    }
  }

  private final Map<String, Map<String, String>> hintsRead = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Encodes a whole record as one JSON document
   * {@code {"id":…, "data":{…}, "metadata":{…}, "types":{"data":{…}, "metadata":{…}}}}, for
   * stores that keep one document per record.
   */
  public String toDocument(Record record) {
    Encoded data = encode(record.data());
    Encoded meta = encode(record.metadata());
    StringBuilder sb = new StringBuilder(data.json().length() + 64);
    sb.append("{\"id\":");
    try {
      sb.append(mapper.writeValueAsString(record.id()));
    } catch (IOException e) {
      throw new DataknobsException("cannot encode id", e);
    }
    sb.append(",\"data\":").append(data.json()).append(",\"metadata\":").append(meta.json());
    if (!data.hints().isEmpty() || !meta.hints().isEmpty()) {
      sb.append(",\"types\":{\"data\":").append(hintsToJson(data.hints()))
          .append(",\"metadata\":").append(hintsToJson(meta.hints())).append('}');
    }
    return sb.append('}').toString();
  }

  /** Decodes a document written by {@link #toDocument(Record)}. */
  @SuppressWarnings("unchecked")
  public Record fromDocument(String json) {
    Map<String, Object> doc;
    try {
      doc = mapper.readValue(json, Map.class);
    } catch (IOException e) {
      throw new DataknobsException("stored document is not valid JSON: " + e.getMessage(), e);
    }
    Map<String, Object> types = (Map<String, Object>) doc.getOrDefault("types", Map.of());
    Map<String, String> dataHints = (Map<String, String>) types.getOrDefault("data", Map.of());
    Map<String, String> metaHints = (Map<String, String>) types.getOrDefault("metadata", Map.of());
    Record.Builder b = Record.builder().id((String) doc.get("id"));
    Map<String, Object> data = (Map<String, Object>) convert(doc.getOrDefault("data", Map.of()),
        dataHints.isEmpty() ? null : dataHints, new StringBuilder());
    b.putAll(data);
    Map<String, Object> meta = (Map<String, Object>) convert(doc.getOrDefault("metadata", Map.of()),
        metaHints.isEmpty() ? null : metaHints, new StringBuilder());
    meta.forEach(b::metadata);
    return b.build();
  }
}

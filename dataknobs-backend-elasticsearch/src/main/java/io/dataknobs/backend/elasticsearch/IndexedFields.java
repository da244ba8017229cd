package io.dataknobs.backend.elasticsearch;

import io.dataknobs.api.Record;
import io.dataknobs.core.query.Comparisons;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The searchable side of a stored record. Every present, non-null value of the record is indexed
 * under its <em>encoded path</em> in typed fields, so one field may hold values of different
 * types across records (rule 11) and every comparison is exact:
 *
 * <ul>
 *   <li>{@code r.P} (byte): the value's type rank (numbers, strings, booleans, temporals, bytes,
 *       lists, maps), for {@code EXISTS} and for sorting values of mixed types;
 *   <li>{@code k.P} (keyword): strings, compared by code point as UTF-8 bytes;
 *   <li>{@code n.P} (double): numbers whose decimal value a double keeps exactly;
 *   <li>{@code nk.P} (byte): the kind of a number that is not a {@code Long} (1 {@code Double},
 *       2 {@code BigDecimal}), so aggregations can tell when they may run natively;
 *   <li>{@code b.P} (boolean);
 *   <li>{@code t.P} (keyword): the instant of a temporal value or of an ISO-8601 string, encoded
 *       so that byte order is chronological;
 *   <li>{@code tk.P} (keyword): a temporal value's ISO text (what a string filter compares it with).
 * </ul>
 *
 * <p>{@code P} is {@code i} for the storage id, {@code d/seg/seg…} for data and
 * {@code m/seg/seg…} for metadata, each segment with every byte outside {@code [A-Za-z0-9_-]}
 * written as {@code ~XX}, so no field name can change the mapping's shape (no dots, no
 * wildcards). List elements are indexed under their position (the paths {@code Record.get}
 * walks), up to {@value #MAX_LIST} of them. What is not indexed exactly is recorded so queries
 * can tell: {@code x} lists paths whose own value is not exactly indexed (a string over 32 KB, a
 * number a double cannot hold, a list, a map, bytes), {@code xs} lists paths whose descendants
 * are not all indexed (long lists).
 */
final class IndexedFields {
  static final int MAX_LIST = 32;
  /** Lucene's largest term, in UTF-8 bytes. */
  static final int MAX_TERM_BYTES = 32766;
  static final String ID_PATH = "i";

  private IndexedFields() {}

  /** @return the encoded path of a query path ({@code id}, {@code metadata.x}, {@code a.b}) */
  static String encodePath(String path) {
    if ("id".equals(path)) {
      return ID_PATH;
    }
    StringBuilder sb = new StringBuilder(path.length() + 2);
    String rest = path;
    if (path.startsWith("metadata.")) {
      sb.append('m');
      rest = path.substring("metadata.".length());
    } else {
      sb.append('d');
    }
    int start = 0;
    while (true) {
      int dot = rest.indexOf('.', start);
      sb.append('/');
      appendSegment(sb, dot < 0 ? rest.substring(start) : rest.substring(start, dot));
      if (dot < 0) {
        return sb.toString();
      }
      start = dot + 1;
    }
  }

  /** @return the encoded path and every ancestor's (for the {@code xs} check), deepest last */
  static List<String> withAncestors(String encoded) {
    List<String> out = new ArrayList<>();
    for (int i = encoded.indexOf('/'); i >= 0; i = encoded.indexOf('/', i + 1)) {
      if (i > 1) {
        out.add(encoded.substring(0, i));
      }
    }
    out.add(encoded);
    return out;
  }

  private static void appendSegment(StringBuilder sb, String segment) {
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
        sb.append((char) c);
      } else {
        sb.append('~').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
  }

  /** @return the instant of a value, encoded so that string order is chronological; null if it has none */
  static String instantKey(Object value) {
    Instant i = Comparisons.toInstant(value);
    if (i == null) {
      return null;
    }
    // epoch seconds shifted to be non-negative (Instant's range fits in 17 digits), then nanos
    StringBuilder sb = new StringBuilder(28);
    pad(sb, Long.toString(i.getEpochSecond() + 100_000_000_000_000_000L), 18);
    sb.append('.');
    pad(sb, Integer.toString(i.getNano()), 9);
    return sb.toString();
  }

  private static void pad(StringBuilder sb, String digits, int width) {
    for (int k = digits.length(); k < width; k++) {
      sb.append('0');
    }
    sb.append(digits);
  }

  /** @return true if a double holds this number's decimal value exactly (the comparisons of rule 14 then agree) */
  static boolean exactAsDouble(Object number) {
    if (number instanceof Double) {
      return Double.isFinite((Double) number) && !(((Double) number) == 0.0 && 1 / (Double) number < 0);
    }
    double d = ((Number) number).doubleValue();
    if (!Double.isFinite(d)) {
      return false;
    }
    BigDecimal exact = number instanceof BigDecimal ? (BigDecimal) number : BigDecimal.valueOf((Long) number);
    return BigDecimal.valueOf(d).compareTo(exact) == 0;
  }

  /** @return true if a string fits in one keyword term */
  static boolean indexable(String s) {
    return s.length() * 3 <= MAX_TERM_BYTES || s.getBytes(StandardCharsets.UTF_8).length <= MAX_TERM_BYTES;
  }

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The whole document of one record as JSON: the typed fields, the flags and {@code doc}, the
   * record's exact JSON text (written in one pass, without building maps).
   */
  static byte[] document(String id, Record record, String doc) {
    Builder b = new Builder();
    b.string(ID_PATH, id);
    b.map("d", record.data());
    b.map("m", record.metadata());
    ByteArrayBuilder out = new ByteArrayBuilder(doc.length() * 2 + 256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      b.writeTo(g);
      g.writeStringField("doc", doc);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Typed entries of one record, per field family, in traversal order. */
  private static final class Builder {
    final List<Object> r = new ArrayList<>();
    final List<Object> k = new ArrayList<>();
    final List<Object> n = new ArrayList<>();
    final List<Object> nk = new ArrayList<>();
    final List<Object> b = new ArrayList<>();
    final List<Object> t = new ArrayList<>();
    final List<Object> tk = new ArrayList<>();
    final Set<String> x = new LinkedHashSet<>();
    final Set<String> xs = new LinkedHashSet<>();

    void map(String path, Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        StringBuilder sb = new StringBuilder(path.length() + 16).append(path).append('/');
        appendSegment(sb, String.valueOf(e.getKey()));
        value(sb.toString(), e.getValue());
      }
    }

    private static void put(List<Object> family, String p, Object v) {
      family.add(p);
      family.add(v);
    }

    void string(String p, String s) {
      put(r, p, 1);
      if (indexable(s)) {
        put(k, p, s);
      } else {
        x.add(p);
      }
      String key = instantKey(s);
      if (key != null) {
        put(t, p, key);
      }
    }

    void value(String p, Object v) {
      if (v == null) {
        return;
      }
      if (v instanceof String) {
        string(p, (String) v);
      } else if (Comparisons.isNumber(v)) {
        put(r, p, 0);
        if (!(v instanceof Long)) {
          put(nk, p, v instanceof Double ? 1 : 2);
        }
        if (exactAsDouble(v)) {
          put(n, p, ((Number) v).doubleValue());
        } else {
          x.add(p);
        }
      } else if (v instanceof Boolean) {
        put(r, p, 2);
        put(b, p, v);
      } else if (v instanceof Instant || v instanceof LocalDate) {
        put(r, p, 3);
        put(t, p, instantKey(v));
        put(tk, p, v.toString());
      } else if (v instanceof byte[]) {
        put(r, p, 4);
        x.add(p);
      } else if (v instanceof List<?>) {
        put(r, p, 5);
        x.add(p);
        List<?> list = (List<?>) v;
        if (list.size() > MAX_LIST) {
          xs.add(p);
        }
        for (int i = 0; i < Math.min(MAX_LIST, list.size()); i++) {
          value(p + "/" + i, list.get(i));
        }
      } else if (v instanceof Map<?, ?>) {
        put(r, p, 6);
        x.add(p);
        map(p, (Map<?, ?>) v);
      }
    }

    void writeTo(JsonGenerator g) throws IOException {
      family(g, "r", r);
      family(g, "k", k);
      family(g, "n", n);
      family(g, "nk", nk);
      family(g, "b", b);
      family(g, "t", t);
      family(g, "tk", tk);
      flags(g, "x", x);
      flags(g, "xs", xs);
    }

    private static void family(JsonGenerator g, String name, List<Object> entries) throws IOException {
      if (entries.isEmpty()) {
        return;
      }
      g.writeObjectFieldStart(name);
      for (int i = 0; i < entries.size(); i += 2) {
        g.writeFieldName((String) entries.get(i));
        Object v = entries.get(i + 1);
        if (v instanceof String) {
          g.writeString((String) v);
        } else if (v instanceof Double) {
          g.writeNumber((Double) v);
        } else if (v instanceof Integer) {
          g.writeNumber((Integer) v);
        } else {
          g.writeBoolean((Boolean) v);
        }
      }
      g.writeEndObject();
    }

    private static void flags(JsonGenerator g, String name, Set<String> paths) throws IOException {
      if (paths.isEmpty()) {
        return;
      }
      g.writeArrayFieldStart(name);
      for (String p : paths) {
        g.writeString(p);
      }
      g.writeEndArray();
    }
  }
}

package io.dataknobs.api;

import io.dataknobs.api.internal.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable record: an optional storage id, ordered data fields and metadata.
 *
 * <p>Values follow a JSON-like model: {@code null}, {@code Boolean}, {@code Long} (ints are
 * widened), {@code Double} (floats are widened), {@code BigDecimal}, {@code String},
 * {@link Instant}, {@link LocalDate}, {@code byte[]}, {@code List} and {@code Map} with
 * string keys. Values of other types are rejected with {@link RecordValidationException}
 * when the record is built. Field names must be non-empty and must not contain {@code .},
 * which separates the segments of a path.
 *
 * <p>Records are values: two records are {@link #equals(Object) equal} when their ids, data
 * and metadata are equal ({@code byte[]} compared by content). Code that wildcard-imports
 * {@code io.dataknobs.api.*} must import {@code io.dataknobs.api.Record} by name, since
 * {@code java.lang.Record} makes the simple name ambiguous.
 */
public final class Record {
  private static final Map<String, Object> EMPTY = Map.of();

  private final String id;
  private final Map<String, Object> data;
  private final Map<String, Object> metadata;

  private Record(String id, Map<String, Object> data, Map<String, Object> metadata) {
    this.id = id;
    this.data = data;
    this.metadata = metadata;
  }

  /**
   * @param text any text
   * @return true if a record can hold it as a value, field name or id: no NUL character and no
   *     lone UTF-16 surrogate (rule 10)
   * @since api 1.1
   */
  public static boolean storableText(String text) {
    return Values.invalidAt(text) < 0;
  }

  /**
   * Checks that {@code id} can serve as a storage id on every backend: a non-empty string of
   * valid Unicode without NUL characters (the same rule as for stored text).
   *
   * @param id a proposed storage id
   * @return {@code id}
   * @throws RecordValidationException (field {@code id}) naming what is wrong
   * @since api 1.1
   */
  public static String validId(String id) {
    if (id == null || id.isEmpty()) {
      throw new RecordValidationException("id", "a record id must be a non-empty string, got " + (id == null ? "null" : "\"\""));
    }
    Values.requireText(id, "id", "record id");
    return id;
  }

  /**
   * A record without id, holding a normalized copy of {@code data}.
   *
   * @throws RecordValidationException if a field name or value is outside the model
   */
  public static Record of(Map<String, ?> data) {
    return new Record(null, Values.normalizeMap(Objects.requireNonNull(data, "data"), ""), EMPTY);
  }

  /**
   * A record with the given id (may be null) holding a normalized copy of {@code data}.
   *
   * @throws RecordValidationException if a field name or value is outside the model
   */
  public static Record of(String id, Map<String, ?> data) {
    return new Record(id, Values.normalizeMap(Objects.requireNonNull(data, "data"), ""), EMPTY);
  }

  /** A builder for a record with id, fields in insertion order and metadata. */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the storage id, or null until the record is stored */
  public String id() {
    return id;
  }

  /** @return the data fields: ordered, unmodifiable, deeply immutable */
  public Map<String, Object> data() {
    return data;
  }

  /** @return the metadata: ordered, unmodifiable, deeply immutable */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * Reads a value by path. {@code "id"} is the storage id; {@code "metadata.x"} reads
   * metadata; otherwise the dot-separated segments walk nested maps (a numeric segment
   * indexes a list). A missing field and a null value both give null.
   */
  public Object get(String path) {
    Objects.requireNonNull(path, "path");
    if ("id".equals(path)) {
      return id;
    }
    if (path.indexOf('.') < 0) {
      return data.get(path);
    }
    if (path.startsWith("metadata.")) {
      return walk(metadata, path.substring("metadata.".length()));
    }
    return walk(data, path);
  }

  /** @return true if the path resolves to a present, non-null value */
  public boolean has(String path) {
    return get(path) != null;
  }

  private static Object walk(Object root, String path) {
    Object current = root;
    int start = 0;
    while (current != null) {
      int dot = path.indexOf('.', start);
      String seg = dot < 0 ? path.substring(start) : path.substring(start, dot);
      if (current instanceof Map<?, ?>) {
        current = ((Map<?, ?>) current).get(seg);
      } else if (current instanceof List<?>) {
        List<?> list = (List<?>) current;
        int idx = parseIndex(seg);
        current = idx >= 0 && idx < list.size() ? list.get(idx) : null;
      } else {
        return null;
      }
      if (dot < 0) {
        return current;
      }
      start = dot + 1;
    }
    return null;
  }

  private static int parseIndex(String seg) {
    if (seg.isEmpty() || seg.length() > 9) {
      return -1;
    }
    for (int i = 0; i < seg.length(); i++) {
      if (!Character.isDigit(seg.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(seg);
  }

  /** @return the value at {@code path} as a string, or null; throws if it is another type */
  public String getString(String path) {
    return typed(path, String.class);
  }

  /** @return the value at {@code path} as a long (any integral number), or null */
  public Long getLong(String path) {
    Object v = get(path);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).longValueExact();
    }
    if (v instanceof Double && ((Double) v) == Math.rint((Double) v)) {
      return ((Double) v).longValue();
    }
    throw wrongType(path, v, Long.class);
  }

  /** @return the value at {@code path} as a double (any number), or null */
  public Double getDouble(String path) {
    Object v = get(path);
    if (v == null) {
      return null;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    throw wrongType(path, v, Double.class);
  }

  /** @return the value at {@code path} as a BigDecimal (any number), or null */
  public BigDecimal getDecimal(String path) {
    Object v = get(path);
    if (v == null || v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof Long) {
      return BigDecimal.valueOf((Long) v);
    }
    if (v instanceof Double) {
      return BigDecimal.valueOf((Double) v);
    }
    throw wrongType(path, v, BigDecimal.class);
  }

  /** @return the value at {@code path} as a boolean, or null */
  public Boolean getBoolean(String path) {
    return typed(path, Boolean.class);
  }

  /** @return the value at {@code path} as an Instant (an ISO-8601 string is parsed), or null */
  public Instant getInstant(String path) {
    Object v = get(path);
    if (v instanceof String) {
      return Instant.parse((String) v);
    }
    return typed(path, Instant.class);
  }

  /** @return the value at {@code path} as a LocalDate (an ISO-8601 string is parsed), or null */
  public LocalDate getDate(String path) {
    Object v = get(path);
    if (v instanceof String) {
      return LocalDate.parse((String) v);
    }
    return typed(path, LocalDate.class);
  }

  /** @return the value at {@code path} as bytes, or null */
  public byte[] getBytes(String path) {
    byte[] b = typed(path, byte[].class);
    return b == null ? null : b.clone();
  }

  /** @return the value at {@code path} as an unmodifiable list, or null */
  @SuppressWarnings("unchecked")
  public List<Object> getList(String path) {
    return typed(path, List.class);
  }

  /** @return the value at {@code path} as an unmodifiable map, or null */
  @SuppressWarnings("unchecked")
  public Map<String, Object> getMap(String path) {
    return typed(path, Map.class);
  }

  private <T> T typed(String path, Class<T> type) {
    Object v = get(path);
    if (v == null || type.isInstance(v)) {
      return type.cast(v);
    }
    throw wrongType(path, v, type);
  }

  private static ClassCastException wrongType(String path, Object v, Class<?> expected) {
    return new ClassCastException("field '" + path + "' holds a " + v.getClass().getSimpleName()
        + ", not a " + expected.getSimpleName());
  }

  /** @return a copy carrying {@code newId} (may be null) */
  public Record withId(String newId) {
    return Objects.equals(newId, id) ? this : new Record(newId, data, metadata);
  }

  /** @return a copy with the top-level field set to {@code value} (added last if new) */
  public Record with(String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(data);
    copy.put(field, value);
    return new Record(id, Values.normalizeMap(copy, ""), metadata);
  }

  /** @return a copy without the top-level field */
  public Record without(String field) {
    if (!data.containsKey(field)) {
      return this;
    }
    Map<String, Object> copy = new LinkedHashMap<>(data);
    copy.remove(field);
    return new Record(id, java.util.Collections.unmodifiableMap(copy), metadata);
  }

  /** @return a copy with the metadata replaced by a normalized copy of {@code newMetadata} */
  public Record withMetadata(Map<String, ?> newMetadata) {
    return new Record(id, data, Values.normalizeMap(newMetadata, "metadata"));
  }

  /**
   * Keeps only the given field paths (a dotted path keeps that nested value inside its
   * parents), plus the id and metadata. Missing fields are left out.
   */
  public Record project(Collection<String> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String f : fields) {
      if (f.equals("id") || f.startsWith("metadata.") || f.equals("metadata")) {
        continue;
      }
      int dot = f.indexOf('.');
      if (dot < 0) {
        if (data.containsKey(f)) {
          out.put(f, data.get(f));
        }
        continue;
      }
      Object v = walk(data, f);
      if (v == null && !presentPath(f)) {
        continue;
      }
      putPath(out, f, v);
    }
    return new Record(id, Values.normalizeMap(out, ""), metadata);
  }

  private boolean presentPath(String f) {
    int last = f.lastIndexOf('.');
    Object parent = walk(data, f.substring(0, last));
    return parent instanceof Map<?, ?> && ((Map<?, ?>) parent).containsKey(f.substring(last + 1));
  }

  @SuppressWarnings("unchecked")
  private static void putPath(Map<String, Object> root, String path, Object v) {
    String[] segs = path.split("\\.");
    Map<String, Object> cur = root;
    for (int i = 0; i < segs.length - 1; i++) {
      Object next = cur.get(segs[i]);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
        cur.put(segs[i], next);
      } else if (!(next instanceof LinkedHashMap<?, ?>)) {
        next = new LinkedHashMap<>((Map<String, Object>) next);
        cur.put(segs[i], next);
      }
      cur = (Map<String, Object>) next;
    }
    cur.put(segs[segs.length - 1], v);
  }

  /** Equal when ids, data and metadata are equal; {@code byte[]} values compare by content. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Record)) {
      return false;
    }
    Record r = (Record) o;
    return Objects.equals(id, r.id) && Values.deepEquals(data, r.data)
        && Values.deepEquals(metadata, r.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(id) * 31 + Values.deepHash(data) * 17 + Values.deepHash(metadata);
  }

  @Override
  public String toString() {
    return "Record{id=" + id + ", data=" + Values.render(data)
        + (metadata.isEmpty() ? "" : ", metadata=" + Values.render(metadata)) + "}";
  }

  /** Builds a {@link Record}; not thread-safe. */
  public static final class Builder {
    private String id;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the storage id (null: chosen when stored). */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets a top-level data field; later calls for the same field replace the value. */
    public Builder put(String field, Object value) {
      data.put(Objects.requireNonNull(field, "field"), value);
      return this;
    }

    /** Sets every entry of {@code fields}. */
    public Builder putAll(Map<String, ?> fields) {
      data.putAll(fields);
      return this;
    }

    /** Sets a metadata entry. */
    public Builder metadata(String key, Object value) {
      metadata.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /**
     * @return the record
     * @throws RecordValidationException if a field name or value is outside the model
     */
    public Record build() {
      return new Record(id, Values.normalizeMap(data, ""),
          metadata.isEmpty() ? EMPTY : Values.normalizeMap(metadata, "metadata"));
    }
  }
}

package io.dataknobs.backend.file;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.Record;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;

/**
 * The columns of one version of a Parquet file: each column's name and {@link ParquetColumn}
 * kind, and the {@link CsvFormat} that turns a row's cells into a record and back (the same
 * reserved {@code @id}, {@code @types}, {@code @metadata} columns as a CSV file). A file this
 * backend writes names each data column's type in its key-value metadata
 * ({@value #TYPES_KEY}), so a column of instants, stored as text, reads back as instants; a file
 * written elsewhere is read by its column types.
 */
record ParquetSchema(List<String> names, List<ParquetColumn> kinds, CsvFormat layout) {
  /** The key-value metadata key holding the declared type of each data column, as a JSON object. */
  static final String TYPES_KEY = "dataknobs.columns";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @return the columns of the Parquet file at {@code path}, with {@code declared} types overriding the file's */
  static ParquetSchema read(Connection c, Path path, Map<String, String> declared) throws SQLException, IOException {
    String file = literal(path.toString());
    List<String> names = new ArrayList<>();
    List<ParquetColumn> kinds = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + file + ")")) {
      while (rs.next()) {
        names.add(rs.getString("column_name"));
        kinds.add(ParquetColumn.of(rs.getString("column_type")));
      }
    }
    Map<String, String> written = null;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata(" + file
        + ") WHERE decode(key) = " + literal(TYPES_KEY))) {
      if (rs.next()) {
        written = JSON.readValue(rs.getString(1), new TypeReference<LinkedHashMap<String, String>>() { });
      }
    }
    Map<String, String> types = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      // a file written here names the columns of one type; its others hold values typed by the row's @types
      String type = written != null ? written.get(names.get(i)) : kinds.get(i).declared;
      if (!names.get(i).startsWith("@") && type != null) {
        types.put(names.get(i), type);
      }
    }
    types.putAll(declared);
    return new ParquetSchema(List.copyOf(names), List.copyOf(kinds), new CsvFormat(types, List.copyOf(names)));
  }

  /**
   * @return the columns to write {@code records} with, found in one pass: a data column's type is
   *     the one its values share (declared for it in the file), else text with each value's type in
   *     {@code @types}; the reserved columns a {@link CsvFormat} writes last where some record needs them
   */
  static ParquetSchema forRecords(Map<String, String> declared, Supplier<Iterator<Record>> records) {
    Map<String, String> inferred = new LinkedHashMap<>();
    boolean needId = false;
    boolean needMeta = false;
    boolean needTypes = false;
    for (Iterator<Record> it = records.get(); it.hasNext();) {
      Record r = it.next();
      needId |= !JsonLineCodec.idFromData(r.data(), r.id());
      needMeta |= !r.metadata().isEmpty();
      for (Map.Entry<String, Object> e : r.data().entrySet()) {
        Object v = e.getValue();
        String type = v == null ? null : typeOf(v);
        inferred.merge(e.getKey(), type == null ? "" : type, (a, b) -> a.equals(b) ? a : "");
        if (!needTypes) {
          // what a typed column cannot say by itself: no value, a double that is not finite, bytes, hints inside a list or map
          needTypes = v == null || v instanceof Double d && !Double.isFinite(d) || v instanceof byte[]
              || "json".equals(type) && hasHints(e.getKey(), v);
        }
      }
    }
    List<String> names = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : inferred.entrySet()) {
      names.add(e.getKey());
      String type = declared.getOrDefault(e.getKey(), e.getValue());
      needTypes |= e.getValue().isEmpty() || !type.equals(e.getValue()); // mixed values, or a declaration they do not all meet
      if (!type.isEmpty()) {
        types.put(e.getKey(), type);
      }
    }
    if (needId || names.isEmpty()) {
      names.add("@id"); // Parquet has no file without a column
    }
    if (needTypes) {
      names.add("@types");
    }
    if (needMeta) {
      names.add("@metadata_types");
      names.add("@metadata");
    }
    List<ParquetColumn> kinds = new ArrayList<>();
    for (String n : names) {
      String type = inferred.get(n);
      kinds.add(type != null && type.equals(types.get(n)) ? ParquetColumn.forDeclared(type) : ParquetColumn.TEXT);
    }
    return new ParquetSchema(List.copyOf(names), List.copyOf(kinds), new CsvFormat(types, List.copyOf(names)));
  }

  private static boolean hasHints(String field, Object listOrMap) {
    Map<String, String> hints = new LinkedHashMap<>();
    CsvCells.encode(field, listOrMap, hints);
    return !hints.isEmpty();
  }

  /** @return the column type a value declares, or null for one with none of its own (null) */
  private static String typeOf(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return "integer";
    }
    if (v instanceof Double || v instanceof Float) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Instant) {
      return "instant";
    }
    if (v instanceof LocalDate) {
      return "date";
    }
    if (v instanceof BigDecimal) {
      return "decimal";
    }
    if (v instanceof byte[]) {
      return "bytes";
    }
    return v instanceof Map<?, ?> || v instanceof List<?> ? "json" : null;
  }

  /**
   * Appends a record's row as its values are, when each is of its column's declared type and
   * says all it is there (no {@code @types} entry needed, no metadata): the common row, without
   * going through cell text. Appends nothing and returns false otherwise.
   */
  boolean appendNatively(DuckDBAppender ap, Record r) throws SQLException {
    if (!r.metadata().isEmpty()) {
      return false;
    }
    Map<String, Object> data = r.data();
    int present = 0;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Object v = data.get(name);
      if (v == null) {
        if (name.equals("@id") && !JsonLineCodec.idFromData(data, r.id()) || data.containsKey(name)) {
          return false;
        }
        continue;
      }
      if (!native_(kinds.get(i), layout.declared().get(name), v)) {
        return false;
      }
      present++;
    }
    if (present != data.size()) {
      return false; // a field with no column of its own: cannot happen for a schema made from these records
    }
    for (int i = 0; i < names.size(); i++) {
      Object v = data.get(names.get(i));
      switch (kinds.get(i)) {
        case INTEGER -> ap.append(v == null ? null : (Long) v);
        case NUMBER -> ap.append(v == null ? null : (Double) v);
        case BOOLEAN -> ap.append(v == null ? null : (Boolean) v);
        case DATE -> ap.append(v == null ? null : (LocalDate) v);
        case BYTES -> ap.append(v == null ? null : (byte[]) v);
        case JSON -> ap.append(v == null ? null : CsvCells.encode(names.get(i), v, new LinkedHashMap<>()).text());
        default -> ap.append(v == null ? null : v.toString());
      }
    }
    return true;
  }

  /** @return whether {@code v} is written in a column of {@code kind} declared {@code declared} as it is, and reads back equal */
  private static boolean native_(ParquetColumn kind, String declared, Object v) {
    if (declared == null) {
      return false;
    }
    return switch (kind) {
      case INTEGER -> v instanceof Long;
      case NUMBER -> v instanceof Double d && Double.isFinite(d);
      case BOOLEAN -> v instanceof Boolean;
      case DATE -> v instanceof LocalDate;
      case BYTES -> v instanceof byte[];
      case JSON -> (v instanceof Map<?, ?> || v instanceof List<?>) && !hasHints("v", v);
      case TEXT -> declared.equals("string") ? v instanceof String
          : declared.equals("instant") ? v instanceof Instant : declared.equals("decimal") && v instanceof BigDecimal;
      default -> false;
    };
  }

  /** @return the select list reading every column as a cell */
  String selectList() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(kinds.get(i).select(quote(names.get(i))));
    }
    return sb.toString();
  }

  /** @return the column definitions of a table the file is written from */
  String columnsDdl() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote(names.get(i))).append(' ').append(kinds.get(i).written);
    }
    return sb.toString();
  }

  /** @return the {@code KV_METADATA} option naming the declared type of each data column */
  String kvMetadata() {
    try {
      return "{" + literal(TYPES_KEY) + ": " + literal(JSON.writeValueAsString(layout.declared())) + "}";
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
  }

  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}

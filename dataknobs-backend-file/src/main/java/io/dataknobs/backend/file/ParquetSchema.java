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
   * @return the columns to write {@code records} with: a data column's type is the one its values
   *     share (declared for it in the file), else text with each value's type in {@code @types}
   */
  static ParquetSchema forRecords(Map<String, String> declared, Supplier<Iterator<Record>> records) {
    Map<String, String> inferred = new LinkedHashMap<>();
    for (Iterator<Record> it = records.get(); it.hasNext();) {
      for (Map.Entry<String, Object> e : it.next().data().entrySet()) {
        if (e.getValue() != null) {
          String type = typeOf(e.getValue());
          inferred.merge(e.getKey(), type == null ? "" : type, (a, b) -> a.equals(b) ? a : "");
        }
      }
    }
    inferred.values().removeIf(String::isEmpty);
    Map<String, String> types = new LinkedHashMap<>(inferred);
    types.putAll(declared);
    List<String> names = new ArrayList<>(((CsvFormat) new CsvFormat(',', types).forRecords(records)).columns());
    if (names.isEmpty()) {
      names.add("@id"); // Parquet has no file without a column
    }
    List<ParquetColumn> kinds = new ArrayList<>();
    for (String n : names) {
      String type = inferred.get(n);
      boolean agreed = type != null && type.equals(types.get(n));
      kinds.add(agreed ? ParquetColumn.forDeclared(type) : ParquetColumn.TEXT);
    }
    types.keySet().retainAll(names);
    return new ParquetSchema(List.copyOf(names), List.copyOf(kinds), new CsvFormat(types, List.copyOf(names)));
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

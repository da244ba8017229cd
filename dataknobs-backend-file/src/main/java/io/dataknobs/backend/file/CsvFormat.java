package io.dataknobs.backend.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CSV with a header row (read and written by Jackson's CSV module): a record's data fields are
 * columns, cells typed as {@link CsvCells} says, and what CSV cannot say in columns written last,
 * only when a row needs them: {@code @id}, {@code @types} (JSON of the cells' types),
 * {@code @metadata}, {@code @metadata_types}. A row ends at a newline outside quotes, so a quoted
 * cell may hold newlines. An instance knows one file's columns; writing records gives the columns
 * they use, in the order fields first appear.
 */
final class CsvFormat implements RowFormat {
  /** Rows with no schema columns read as arrays of strings, one row per value. */
  private static final CsvMapper MAPPER = CsvMapper.builder().build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordCodec CODEC = RecordCodec.standard();
  private static final List<String> RESERVED = List.of("@id", "@types", "@metadata", "@metadata_types");

  private final char separator;
  private final Map<String, String> declared;
  private final List<String> columns;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  /**
   * @param separator the cell separator
   * @param declared columns declared a type (see {@link CsvCells#TYPES})
   */
  CsvFormat(char separator, Map<String, String> declared) {
    this(separator, declared, List.of());
  }

  /** A row layout with known columns (a Parquet file's), read and written as cells, never as text. */
  CsvFormat(Map<String, String> declared, List<String> columns) {
    this(',', declared, columns);
  }

  private CsvFormat(char separator, Map<String, String> declared, List<String> columns) {
    this.separator = separator;
    this.declared = declared;
    this.columns = columns;
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withLineSeparator("");
    this.reader = MAPPER.readerFor(String[].class).with(schema);
    this.writer = MAPPER.writerFor(String[].class).with(schema);
  }

  @Override
  public RowFormat begin(LineReader lines, String file) throws IOException {
    Row header = new Row();
    if (!next(lines, header)) {
      return new CsvFormat(separator, declared, List.of());
    }
    String[] names;
    try {
      names = cells(header.text);
    } catch (MalformedRow e) {
      throw new MalformedFileException(file, header.line + e.line - 1, e.column, "the header row is not CSV: " + e.getMessage(), e);
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i].isEmpty() || !seen.add(names[i])) {
        throw new MalformedFileException(file, header.line, 0, "column " + (i + 1) + " of the header is "
            + (names[i].isEmpty() ? "empty" : "'" + names[i] + "' again") + "; every column needs a name of its own", null);
      }
    }
    for (String d : declared.keySet()) {
      if (!seen.contains(d)) {
        throw new MalformedFileException(file, header.line, 0, "the column '" + d + "' declared in 'columns' is not in the header "
            + seen, null);
      }
    }
    return new CsvFormat(separator, declared, List.copyOf(seen));
  }

  /** A row ends at a newline outside quotes: lines are joined while their quotes are unbalanced. */
  @Override
  public boolean next(LineReader lines, Row row) throws IOException {
    while (lines.next()) {
      if (lines.blank()) {
        continue;
      }
      row.offset = lines.offset();
      row.line = lines.number();
      StringBuilder text = new StringBuilder(lines.text());
      int span = lines.span();
      boolean open = unbalanced(text, 0, false);
      while (open && lines.terminated() && lines.next()) {
        int from = text.append('\n').length();
        text.append(lines.text());
        span += lines.span();
        open = unbalanced(text, from, true);
      }
      row.span = span;
      row.terminated = lines.terminated() && !open;
      row.text = text.toString();
      return true;
    }
    return false;
  }

  /** @return whether quotes are open at the end of {@code s}, given whether they were at {@code from} */
  private static boolean unbalanced(CharSequence s, int from, boolean open) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        open = !open;
      }
    }
    return open;
  }

  private String[] cells(String text) throws MalformedRow {
    try {
      String[] out = reader.readValue(text);
      return out == null ? new String[0] : out;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new MalformedRow(e.getOriginalMessage(), at == null ? 1 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e);
    }
  }

  @Override
  public Record decode(String text) throws MalformedRow {
    String[] cells = cells(text);
    if (cells.length > columns.size()) {
      throw new MalformedRow("the row has " + cells.length + " cells where the header names " + columns.size() + " columns", 0, null);
    }
    return decodeCells(cells);
  }

  /** @return the columns of the rows, in order */
  List<String> columns() {
    return columns;
  }

  /** @return the types declared for columns (by configuration, or by the file for a Parquet file) */
  Map<String, String> declared() {
    return declared;
  }

  /**
   * @param cells a row's cells, in {@link #columns()} order (fewer is fine); a null cell holds no
   *     value at all (a Parquet NULL): the field is absent, or null where {@code @types} says so
   * @return the record the cells hold; its id null when they give none
   */
  Record decodeCells(String[] cells) throws MalformedRow {
    Map<String, String> reserved = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i++) {
      if (RESERVED.contains(columns.get(i)) && cells[i] != null && !cells[i].isEmpty()) {
        reserved.put(columns.get(i), cells[i]);
      }
    }
    Map<String, String> types = jsonMap(reserved.get("@types"), "@types");
    Record.Builder b = Record.builder();
    for (int i = 0; i < cells.length; i++) {
      String column = columns.get(i);
      if (RESERVED.contains(column)) {
        continue;
      }
      String type = types.getOrDefault(column, declared.get(column));
      if (cells[i] == null) {
        if ("null".equals(type)) {
          b.put(column, null);
        }
        continue;
      }
      Object value;
      try {
        value = CsvCells.decode(column, cells[i], type, types);
      } catch (IllegalArgumentException | DataknobsException | java.time.DateTimeException e) {
        throw new MalformedRow("column '" + column + "': " + e.getMessage(), 0, e);
      }
      if (value != CsvCells.ABSENT) {
        b.put(column, value);
      }
    }
    String id = reserved.get("@id");
    Record r = b.build();
    Object f = r.data().get("id");
    if (id == null && f != null && !(f instanceof Map<?, ?> || f instanceof List<?> || f instanceof byte[])) {
      id = f.toString();
    }
    if (reserved.containsKey("@metadata")) {
      try {
        Map<String, Object> meta = CODEC.decode(reserved.get("@metadata"), jsonMap(reserved.get("@metadata_types"), "@metadata_types"));
        Record.Builder m = Record.builder().id(id).putAll(r.data());
        meta.forEach(m::metadata);
        return m.build();
      } catch (DataknobsException e) {
        throw new MalformedRow("column '@metadata': " + e.getMessage(), 0, e);
      }
    }
    return id == null ? r : r.withId(id);
  }

  private static Map<String, String> jsonMap(String json, String column) throws MalformedRow {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    } catch (IOException e) {
      throw new MalformedRow("column '" + column + "' must hold a JSON object of type names: " + e.getMessage(), 0, e);
    }
  }

  @Override
  public RowFormat forRecords(Supplier<Iterator<Record>> records) {
    Set<String> fields = new LinkedHashSet<>();
    boolean needId = false;
    boolean needTypes = false;
    boolean needMeta = false;
    for (Iterator<Record> it = records.get(); it.hasNext();) {
      Record r = it.next();
      fields.addAll(r.data().keySet());
      needId |= !idFromData(r);
      needMeta |= !r.metadata().isEmpty();
      if (!needTypes) {
        Map<String, String> hints = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.data().entrySet()) {
          if (CsvCells.encode(e.getKey(), e.getValue(), hints).type() != null
              && (e.getValue() == null || !e.getValue().equals(declaredValue(e)))) {
            needTypes = true;
          }
        }
        needTypes |= !hints.isEmpty();
      }
    }
    List<String> out = new ArrayList<>(fields);
    if (needId) {
      out.add("@id");
    }
    if (needTypes) {
      out.add("@types");
    }
    if (needMeta) {
      out.add("@metadata_types");
      out.add("@metadata");
    }
    return new CsvFormat(separator, declared, List.copyOf(out));
  }

  /** @return the value a declared column reads back from its cell, or a marker that never equals a value */
  private Object declaredValue(Map.Entry<String, Object> e) {
    String type = declared.get(e.getKey());
    if (type == null) {
      return CsvCells.ABSENT;
    }
    try {
      Map<String, String> hints = new LinkedHashMap<>();
      return CsvCells.decode(e.getKey(), CsvCells.encode(e.getKey(), e.getValue(), hints).text(), type, hints);
    } catch (RuntimeException ex) {
      return CsvCells.ABSENT;
    }
  }

  private static boolean idFromData(Record r) {
    return JsonLineCodec.idFromData(r.data(), r.id());
  }

  @Override
  public String preamble() {
    return columns.isEmpty() ? "" : row(columns.toArray(String[]::new)) + "\n";
  }

  private String row(String[] cells) {
    try {
      return writer.writeValueAsString(cells);
    } catch (JsonProcessingException e) {
      throw new DataknobsException("cannot write a CSV row: " + e.getMessage(), e);
    }
  }

  @Override
  public String encode(Record record) {
    String[] cells = encodeCells(record);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i] == null ? "" : cells[i];
    }
    return row(cells);
  }

  /**
   * @return the cells of a record (with its id) in {@link #columns()} order; null where there is
   *     no value (an absent field, a null one, an empty reserved column)
   */
  String[] encodeCells(Record record) {
    String[] cells = new String[columns.size()];
    Map<String, String> types = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i++) {
      String column = columns.get(i);
      if (RESERVED.contains(column)) {
        continue;
      }
      CsvCells.Cell c = CsvCells.cellOf(record, column, types);
      if (c == null) {
        continue;
      }
      cells[i] = record.data().get(column) == null ? null : c.text();
      String type = c.type();
      Object value = record.data().get(column);
      if (type != null && (value == null || !value.equals(declaredValue(new java.util.AbstractMap.SimpleEntry<>(column, value))))) {
        types.put(column, type);
      } else if (type == null && declared.containsKey(column) && c.text().isEmpty()) {
        types.put(column, "string");
      }
    }
    for (int i = 0; i < cells.length; i++) {
      switch (columns.get(i)) {
        case "@id" -> cells[i] = idFromData(record) ? null : record.id();
        case "@types" -> cells[i] = types.isEmpty() ? null : CODEC.hintsToJson(types);
        case "@metadata" -> cells[i] = record.metadata().isEmpty() ? null : CODEC.encode(record.metadata()).json();
        case "@metadata_types" -> {
          Map<String, String> h = record.metadata().isEmpty() ? Map.of() : CODEC.encode(record.metadata()).hints();
          cells[i] = h.isEmpty() ? null : CODEC.hintsToJson(h);
        }
        default -> { }
      }
    }
    return cells;
  }
}

package io.dataknobs.backend.duckdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.JsonPath;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** The typed columns as one read sees them (see {@link FieldColumns.View}). */
final class TypedView implements FieldColumns.View {
  private final TypedLayout s;
  private final long generation;
  private final LongSupplier now;
  private ResultSet lastResult;
  private int lastColumn;

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * @param s the layout the read builds its statements from
   * @param generation the columns' generation when it was taken
   * @param now the columns' generation now
   */
  TypedView(TypedLayout s, long generation, LongSupplier now) {
    this.s = s;
    this.generation = generation;
    this.now = now;
  }

  @Override
  public FieldColumns.Columns columnsOf(JsonPath path) {
    return s.columnsOf(path);
  }

  @Override
  public String selected() {
    return s.selected();
  }

  /**
   * Values of kept fields the JSON left out come first, in slot order, as
   * {@link TypedColumns#inJson} took them from the front. They arrive as the JSON array of
   * {@link TypedLayout#selected}, in the last column.
   */
  @Override
  public Map<String, Object> restore(ResultSet rs, Map<String, Object> data) throws SQLException {
    List<TypedLayout.Column> columns = s.columns();
    if (columns.isEmpty()) {
      return data;
    }
    if (rs != lastResult) {
      lastColumn = rs.getMetaData().getColumnCount();
      lastResult = rs;
    }
    Object[] packed = unpack(rs.getString(lastColumn), columns);
    Object[][] values = null;
    for (int j = 0; j < columns.size(); j++) {
      TypedLayout.Column c = columns.get(j);
      if (packed[j] == null || data.containsKey(c.field())) {
        continue; // the JSON holds it (a decimal, an array, an object, a field out of order, a row from before the column)
      }
      if (values == null) {
        values = new Object[s.byslot().size()][];
      }
      if (values[c.slot()] == null) {
        values[c.slot()] = new Object[TypedValue.KINDS.length()];
      }
      values[c.slot()][c.kind()] = packed[j];
    }
    if (values == null) {
      return data;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int slot = 0; slot < values.length; slot++) {
      if (values[slot] != null) {
        TypedValue.restore(out, s.byslot().get(slot), values[slot]);
      }
    }
    out.putAll(data);
    return out;
  }

  /** @return the column values of one row's JSON array: numbers as their column's type, text as text */
  private static Object[] unpack(String json, List<TypedLayout.Column> columns) throws SQLException {
    Object[] out = new Object[columns.size()];
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken(); // [
      for (int j = 0; j < out.length; j++) {
        JsonToken t = p.nextToken();
        out[j] = switch (t) {
          case VALUE_NULL -> null;
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> columns.get(j).kind() == 2 ? (Object) p.getLongValue() : (Object) p.getDoubleValue();
          case VALUE_STRING -> p.getText();
          default -> throw new SQLException("typed columns of a row read as unexpected JSON: " + json);
        };
      }
    } catch (java.io.IOException e) {
      throw new SQLException("typed columns of a row are not the JSON array they were selected as: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public boolean current() {
    return (generation & 1) == 0 && now.getAsLong() == generation;
  }
}

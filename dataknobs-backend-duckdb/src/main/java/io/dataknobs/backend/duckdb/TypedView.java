package io.dataknobs.backend.duckdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dataknobs.api.Record;
import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.JsonPath;
import io.dataknobs.core.sql.RowCodec;
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
  public String record() {
    return s.record();
  }

  @Override
  public int recordColumns() {
    return 1;
  }

  /**
   * Reads the row's packed JSON array ({@link TypedLayout#record}): id, data, data hints,
   * metadata, metadata hints, then the typed columns. Values of kept fields the JSON left out
   * come first, in slot order, as {@link TypedColumns#inJson} took them from the front.
   */
  @Override
  public Record decode(ResultSet rs, RowCodec codec) throws SQLException {
    String row = rs.getString(1);
    List<TypedLayout.Column> columns = s.columns();
    String[] text = new String[5];
    Object[] packed = new Object[columns.size()];
    try (JsonParser p = JSON.createParser(row)) {
      p.nextToken(); // [
      for (int j = 0; j < text.length; j++) {
        text[j] = p.nextToken() == JsonToken.VALUE_NULL ? null : p.getText();
      }
      for (int j = 0; j < packed.length; j++) {
        JsonToken t = p.nextToken();
        packed[j] = switch (t) {
          case VALUE_NULL -> null;
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> columns.get(j).kind() == 2 ? (Object) p.getLongValue() : (Object) p.getDoubleValue();
          case VALUE_STRING -> p.getText();
          default -> throw new SQLException("a row read as unexpected JSON: " + row);
        };
      }
    } catch (java.io.IOException e) {
      throw new SQLException("a row is not the JSON array it was selected as: " + e.getMessage(), e);
    }
    return codec.record(text[0], restore(packed, codec.data(text[1], text[2])), text[3], text[4]);
  }

  /** @return {@code data} with the values only the typed columns hold in front of it */
  private Map<String, Object> restore(Object[] packed, Map<String, Object> data) {
    List<TypedLayout.Column> columns = s.columns();
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
    Map<String, Object> out = new java.util.LinkedHashMap<>(2 * (values.length + data.size()));
    for (int slot = 0; slot < values.length; slot++) {
      if (values[slot] != null) {
        TypedValue.restore(out, s.byslot().get(slot), values[slot]);
      }
    }
    out.putAll(data);
    return out;
  }

  @Override
  public boolean current() {
    return (generation & 1) == 0 && now.getAsLong() == generation;
  }
}

package io.dataknobs.backend.duckdb;

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
  private int firstColumn;

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

  /** Values of kept fields the JSON left out come first, in slot order, as {@link TypedColumns#inJson} took them from the front. */
  @Override
  public Map<String, Object> restore(ResultSet rs, Map<String, Object> data) throws SQLException {
    List<TypedLayout.Column> columns = s.columns();
    if (columns.isEmpty()) {
      return data;
    }
    if (rs != lastResult) {
      firstColumn = rs.getMetaData().getColumnCount() - columns.size() + 1;
      lastResult = rs;
    }
    Object[][] values = null;
    for (int j = 0; j < columns.size(); j++) {
      TypedLayout.Column c = columns.get(j);
      if (data.containsKey(c.field())) {
        continue; // the JSON holds it (a decimal, an array, an object, a field out of order, a row from before the column)
      }
      Object v = rs.getObject(firstColumn + j);
      if (v != null) {
        if (values == null) {
          values = new Object[s.byslot().size()][];
        }
        if (values[c.slot()] == null) {
          values[c.slot()] = new Object[TypedValue.KINDS.length()];
        }
        values[c.slot()][c.kind()] = v;
      }
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

  @Override
  public boolean current() {
    return (generation & 1) == 0 && now.getAsLong() == generation;
  }
}

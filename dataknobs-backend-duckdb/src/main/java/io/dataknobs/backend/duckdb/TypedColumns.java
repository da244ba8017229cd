package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Record;
import io.dataknobs.core.sql.FieldColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * DuckDB's typed columns: for each top-level field records use (up to {@code typed_fields} of
 * them, in the order they appear) up to five columns {@code f<slot>_<kind>}, one per kind of
 * value the field has held: {@code _n} non-integral numbers (DOUBLE), {@code _i} integers
 * (BIGINT), {@code _s} strings, {@code _h} type hints, {@code _k} the class of anything else
 * (booleans, null, arrays, objects). A field that only ever held strings has one column. Filters,
 * groups and aggregates over those fields scan native columns instead of parsing JSON, and each
 * column costs every write (DuckDB appends column by column), so no column is made before a value
 * needs it, and a value the columns hold exactly is not kept in the JSON as well
 * ({@link #inJson}). The {@link TypedCatalog} records the columns; every write fills them; reads
 * see them through a {@link TypedView}.
 */
final class TypedColumns implements FieldColumns {
  private final TypedCatalog catalog;
  private final int limit;
  private volatile TypedLayout state = TypedLayout.EMPTY;
  /** Odd while columns are being added; every addition moves it on by two, so a view can tell it is stale. */
  private volatile long generation;

  /**
   * @param table the validated table name
   * @param limit how many fields may get columns ({@code typed_fields}); fields kept already stay
   */
  TypedColumns(String table, int limit) {
    this.catalog = new TypedCatalog(table);
    this.limit = limit;
  }

  /** @return the kept fields, in slot order */
  List<String> fields() {
    return state.byslot();
  }

  @Override
  public View view() {
    long g = generation;
    return new TypedView(state, g, () -> generation);
  }

  /**
   * Leaves out of the JSON the values of kept fields that their columns hold exactly (numbers but
   * decimals, strings, hinted ones too, booleans and null), as long as they lead the record in
   * the order of their slots: {@link TypedView#restore} puts them back in front, so the record's
   * field order survives. Decimals keep their scale in the JSON; arrays and objects stay there
   * whole, with only their class in a column; so does everything from the first field out of
   * that order on.
   */
  @Override
  public Map<String, Object> inJson(Map<String, Object> data) {
    TypedLayout s = state;
    if (s.fields().isEmpty()) {
      return data;
    }
    int leading = 0;
    int lastSlot = -1;
    for (Map.Entry<String, Object> e : data.entrySet()) {
      TypedLayout.Field f = s.fields().get(e.getKey());
      if (f == null || f.slot() <= lastSlot || !TypedValue.heldExactly(e.getValue())) {
        break;
      }
      lastSlot = f.slot();
      leading++;
    }
    if (leading == 0) {
      return data;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Object> e : data.entrySet()) {
      if (i++ >= leading) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  @Override
  public List<String> definitions() {
    return state.definitions();
  }

  @Override
  public List<String> written() {
    return state.written();
  }

  /** @return the typed values of {@code r}'s kept fields, by slot */
  private static TypedValue[] values(TypedLayout s, Record r) {
    Map<String, Object> data = r.data();
    List<String> fields = s.byslot();
    TypedValue[] out = new TypedValue[fields.size()];
    for (int slot = 0; slot < out.length; slot++) {
      out[slot] = TypedValue.of(data, fields.get(slot));
    }
    return out;
  }

  @Override
  public int bind(PreparedStatement ps, int at, Record r, io.dataknobs.core.sql.SqlDialect dialect) throws SQLException {
    TypedLayout s = state;
    TypedValue[] values = values(s, r);
    for (TypedLayout.Column c : s.columns()) {
      at = dialect.bindNullable(ps, at, values[c.slot()].get(c.kind()), c.kind() == 1 ? Types.DOUBLE : c.kind() == 2 ? Types.BIGINT : Types.VARCHAR);
    }
    return at;
  }

  /** Appends the typed values of {@code r} after the row's other columns. */
  void append(DuckDBAppender a, Record r) throws SQLException {
    TypedLayout s = state;
    TypedValue[] values = values(s, r);
    for (TypedLayout.Column c : s.columns()) {
      Object v = values[c.slot()].get(c.kind());
      if (v == null) {
        a.appendNull();
      } else if (v instanceof Double d) {
        a.append((double) d);
      } else if (v instanceof Long l) {
        a.append((long) l);
      } else {
        a.append((String) v);
      }
    }
  }

  @Override
  public void prepare(Connection c, List<Record> records) throws SQLException {
    TypedLayout s = state;
    Map<String, Integer> missing = null;
    int fields = s.fields().size();
    Map<String, TypedLayout.Field> kept = s.fields();
    for (Record r : records) {
      for (Map.Entry<String, Object> e : r.data().entrySet()) {
        String field = e.getKey();
        TypedLayout.Field f = kept.get(field);
        int have = f == null ? 0 : f.kinds();
        if (have == 0 && (missing == null || !missing.containsKey(field)) && (fields >= limit || !TypedCatalog.addressable(field))) {
          continue;
        }
        int kinds = TypedValue.kindsOf(e.getValue());
        if ((kinds & ~have) != 0) {
          if (missing == null) {
            missing = new java.util.LinkedHashMap<>();
          }
          if (have == 0 && !missing.containsKey(field)) {
            fields++;
          }
          missing.merge(field, kinds & ~have, (x, y) -> x | y);
        }
      }
    }
    if (missing != null) {
      add(c, missing);
    }
  }

  @Override
  public void open(Connection c, boolean writable) throws SQLException {
    TypedLayout stored = catalog.load(c);
    if (stored != null) {
      state = stored;
      return;
    }
    if (!writable || limit == 0) {
      return; // a table of the earlier layout, read from its JSON (a later open with room migrates it)
    }
    catalog.create(c);
    Map<String, Integer> fields = new java.util.LinkedHashMap<>();
    for (String field : catalog.storedFields(c, limit)) {
      fields.put(field, 0); // the catalog reads which kinds the rows hold
    }
    if (!fields.isEmpty()) {
      add(c, fields);
    }
  }

  /** Adds columns and publishes them to queries and writes; views taken meanwhile are stale. */
  private void add(Connection c, Map<String, Integer> missing) throws SQLException {
    generation++;
    try {
      state = catalog.add(c, state, missing);
    } finally {
      generation++;
    }
  }
}

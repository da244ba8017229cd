package io.dataknobs.backend.duckdb;

import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.FieldColumns.Columns;
import io.dataknobs.core.sql.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed columns of a table in table order, and what writes and queries derive from them;
 * replaced whole when columns are added.
 *
 * @param columns the columns in table order
 * @param fields the kept fields by name
 * @param byslot the kept fields' names by slot
 * @param written the columns' names in table order
 * @param definitions the columns' definitions ({@code name TYPE}) in table order
 * @param record what reads of whole rows select: the record's columns and every typed column
 *     packed by DuckDB into one JSON array, data and metadata as their text (the driver's cost is
 *     per value read: one text a row reads about twice as many rows a second as the columns
 *     one by one)
 */
record TypedLayout(List<TypedLayout.Column> columns, Map<String, TypedLayout.Field> fields, List<String> byslot, List<String> written,
    List<String> definitions, String record) {
  /** The SQL types of the kinds of column (see {@link TypedValue#KINDS}). */
  static final String[] TYPES = {"VARCHAR", "DOUBLE", "BIGINT", "VARCHAR", "VARCHAR"};

  static final TypedLayout EMPTY = of(List.of());

  /** A kept field: its slot, the kinds of column it has (bits in the order of {@link TypedValue#KINDS}) and their expressions. */
  record Field(int slot, int kinds, Columns columns) {}

  /** One typed column. */
  record Column(String field, int slot, int kind) {
    String name() {
      return TypedLayout.name(slot, kind);
    }
  }

  static TypedLayout of(List<Column> columns) {
    Map<String, Integer> slots = new java.util.LinkedHashMap<>();
    Map<String, Integer> kinds = new HashMap<>();
    List<String> written = new ArrayList<>();
    List<String> definitions = new ArrayList<>();
    for (Column c : columns) {
      slots.putIfAbsent(c.field(), c.slot());
      kinds.merge(c.field(), 1 << c.kind(), (a, b) -> a | b);
      written.add(c.name());
      definitions.add(c.name() + " " + TYPES[c.kind()]);
    }
    Map<String, Field> fields = new HashMap<>();
    String[] byslot = new String[slots.size()];
    slots.forEach((field, slot) -> {
      fields.put(field, new Field(slot, kinds.get(field), expressions(slot, kinds.get(field))));
      byslot[slot] = field;
    });
    // the JSON columns as text: DuckDB would write their values anew (a decimal's scale, say)
    String record = "json_array(id, CAST(\"data\" AS VARCHAR), data_types, CAST(metadata AS VARCHAR), metadata_types"
        + (written.isEmpty() ? "" : ", " + String.join(", ", written)) + ")";
    return new TypedLayout(List.copyOf(columns), Map.copyOf(fields), List.of(byslot), List.copyOf(written), List.copyOf(definitions),
        record);
  }

  static String name(int slot, int kind) {
    return "f" + slot + "_" + TypedValue.KINDS.charAt(kind);
  }

  /**
   * @param path a translated path
   * @return the columns of a kept top-level data field, else null
   */
  Columns columnsOf(JsonPath path) {
    if (path.isId() || !path.column().equals("data") || path.hintKey().indexOf('.') >= 0) {
      return null;
    }
    Field f = fields.get(path.hintKey());
    return f == null ? null : f.columns();
  }

  /**
   * The columns' expressions for the kinds a field has: a number is its integer or its double, a
   * string its text, the class follows from which column holds the value. A kind the field never
   * held reads as a typed NULL.
   */
  private static Columns expressions(int slot, int kinds) {
    String k = (kinds & 1) != 0 ? name(slot, 0) : null;
    String n = (kinds & 2) != 0 ? name(slot, 1) : null;
    String i = (kinds & 4) != 0 ? name(slot, 2) : null;
    String s = (kinds & 8) != 0 ? name(slot, 3) : null;
    String h = (kinds & 16) != 0 ? name(slot, 4) : null;
    StringBuilder type = new StringBuilder("CASE");
    if (n != null || i != null) {
      type.append(" WHEN ").append(n != null && i != null ? "(" + n + " IS NOT NULL OR " + i + " IS NOT NULL)"
          : (n != null ? n : i) + " IS NOT NULL").append(" THEN 'n'");
    }
    if (s != null) {
      type.append(" WHEN ").append(s).append(" IS NOT NULL THEN 's'");
    }
    String typeSql = type.length() == 4 ? (k != null ? k : FieldColumns.none("VARCHAR"))
        : "(" + type + (k != null ? " ELSE " + k : "") + " END)";
    String number = n != null && i != null ? "COALESCE(CAST(" + i + " AS DOUBLE), " + n + ")"
        : n != null ? n : i != null ? "CAST(" + i + " AS DOUBLE)" : FieldColumns.none("DOUBLE");
    String isNumber = n != null && i != null ? "(" + n + " IS NOT NULL OR " + i + " IS NOT NULL)"
        : n != null || i != null ? (n != null ? n : i) + " IS NOT NULL" : "FALSE";
    return new Columns(typeSql, number, i != null ? i : FieldColumns.none("BIGINT"), s != null ? s : FieldColumns.none("VARCHAR"),
        h != null ? h : FieldColumns.none("VARCHAR"), isNumber, s != null ? s + " IS NOT NULL" : "FALSE", k != null ? k : FieldColumns.none("VARCHAR"));
  }
}

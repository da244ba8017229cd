package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Record;
import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * DuckDB's typed columns: for each top-level field records use (up to {@code typed_fields} of
 * them, in the order they appear) up to five columns {@code f<slot>_<kind>}, one per kind of
 * value the field has held: {@code _n} non-integral numbers (DOUBLE), {@code _i} integers
 * (BIGINT), {@code _s} strings, {@code _h} type hints, {@code _k} the class of anything else
 * (booleans, null, arrays, objects). A field that only ever held strings has one column. Filters,
 * groups and aggregates over those fields scan native columns instead of parsing JSON (about 12
 * times less work per row), and each column costs every write (DuckDB appends column by column),
 * so no column is made before a value needs it. A side table {@code <table>_fields} records the
 * columns in table order (column names are case-insensitive in DuckDB, field names are not). The
 * JSON stays the truth: every write fills the columns, a column added for rows already stored is
 * filled from their JSON, and a table written before typed columns existed gets them when it is
 * opened writable.
 */
final class TypedColumns implements FieldColumns {
  private static final String[] TYPES = {"VARCHAR", "DOUBLE", "BIGINT", "VARCHAR", "VARCHAR"};

  /** A kept field: its slot, the kinds of column it has (bits in the order of {@link TypedValue#KINDS}) and their expressions. */
  private record Field(int slot, int kinds, Columns columns) {}

  /** One typed column. */
  private record Column(String field, int slot, int kind) {
    String name() {
      return TypedColumns.name(slot, kind);
    }
  }

  /** The typed columns in table order, and what writes and queries derive from them; replaced whole. */
  private record State(List<Column> columns, Map<String, Field> fields, List<String> byslot, List<String> written, List<String> definitions,
      String selected) {
    static State of(List<Column> columns) {
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
      StringBuilder selected = new StringBuilder();
      for (String c : written) {
        selected.append(", ").append(c);
      }
      return new State(List.copyOf(columns), Map.copyOf(fields), List.of(byslot), List.copyOf(written), List.copyOf(definitions),
          selected.toString());
    }
  }

  private final String table;
  private final String quotedTable;
  private final String catalog;
  private final int limit;
  private volatile State state = State.of(List.of());
  /** Odd while columns are being added; every addition moves it on by two, so a view can tell it is stale. */
  private volatile long generation;

  /**
   * @param table the validated table name
   * @param limit how many fields may get columns ({@code typed_fields}); fields kept already stay
   */
  TypedColumns(String table, int limit) {
    this.table = table;
    this.quotedTable = DuckDbDialect.INSTANCE.quote(table);
    this.catalog = DuckDbDialect.INSTANCE.quote(table + "_fields");
    this.limit = limit;
  }

  private static String name(int slot, int kind) {
    return "f" + slot + "_" + TypedValue.KINDS.charAt(kind);
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

  /** @return the kept fields, in slot order */
  List<String> fields() {
    return state.byslot();
  }

  @Override
  public View view() {
    long g = generation;
    return new TypedView(state, g);
  }

  /** The columns as one read sees them (see {@link FieldColumns.View}). */
  private final class TypedView implements View {
    private final State s;
    private final long generation;
    private ResultSet lastResult;
    private int firstColumn;

    TypedView(State s, long generation) {
      this.s = s;
      this.generation = generation;
    }

    @Override
    public Columns columnsOf(JsonPath path) {
      if (path.isId() || !path.column().equals("data") || path.hintKey().indexOf('.') >= 0) {
        return null;
      }
      Field f = s.fields().get(path.hintKey());
      return f == null ? null : f.columns();
    }

    @Override
    public String selected() {
      return s.selected();
    }

    /** Values of kept fields the JSON left out come first, in slot order, as {@link #inJson} took them from the front. */
    @Override
    public Map<String, Object> restore(ResultSet rs, Map<String, Object> data) throws SQLException {
      List<Column> columns = s.columns();
      if (columns.isEmpty()) {
        return data;
      }
      if (rs != lastResult) {
        firstColumn = rs.getMetaData().getColumnCount() - columns.size() + 1;
        lastResult = rs;
      }
      Object[][] values = null;
      for (int j = 0; j < columns.size(); j++) {
        Column c = columns.get(j);
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
      return (generation & 1) == 0 && TypedColumns.this.generation == generation;
    }
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
    State s = state;
    if (s.fields().isEmpty()) {
      return data;
    }
    int leading = 0;
    int lastSlot = -1;
    for (Map.Entry<String, Object> e : data.entrySet()) {
      Field f = s.fields().get(e.getKey());
      Object v = e.getValue();
      if (f == null || f.slot() <= lastSlot || v instanceof java.math.BigDecimal || v instanceof Map<?, ?> || v instanceof List<?>) {
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
  private static TypedValue[] values(State s, Record r) {
    Map<String, Object> data = r.data();
    List<String> fields = s.byslot();
    TypedValue[] out = new TypedValue[fields.size()];
    for (int slot = 0; slot < out.length; slot++) {
      out[slot] = TypedValue.of(data, fields.get(slot));
    }
    return out;
  }

  @Override
  public int bind(PreparedStatement ps, int at, Record r) throws SQLException {
    State s = state;
    TypedValue[] values = values(s, r);
    for (Column c : s.columns()) {
      Object v = values[c.slot()].get(c.kind());
      if (v == null) {
        ps.setNull(at++, c.kind() == 1 ? Types.DOUBLE : c.kind() == 2 ? Types.BIGINT : Types.VARCHAR);
      } else {
        ps.setObject(at++, v);
      }
    }
    return at;
  }

  /** Appends the typed values of {@code r} after the row's other columns. */
  void append(DuckDBAppender a, Record r) throws SQLException {
    State s = state;
    TypedValue[] values = values(s, r);
    for (Column c : s.columns()) {
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
    State s = state;
    Map<String, Integer> missing = null;
    int fields = s.fields().size();
    for (Record r : records) {
      Map<String, Object> data = r.data();
      for (String field : data.keySet()) {
        Field f = s.fields().get(field);
        int have = f == null ? 0 : f.kinds();
        if (have == 0 && (missing == null || !missing.containsKey(field)) && (fields >= limit || !addressable(field))) {
          continue;
        }
        int kinds = TypedValue.of(data, field).kinds();
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

  /** A field a query can name as a top-level path (a key with a dot is no such path). */
  private static boolean addressable(String field) {
    JsonPath p = JsonPath.of(field);
    return p != null && !p.isId() && field.indexOf('.') < 0;
  }

  @Override
  public void open(Connection c, boolean writable) throws SQLException {
    boolean exists;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = current_schema()")) {
      ps.setString(1, table + "_fields");
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next() && rs.getLong(1) > 0;
      }
    }
    if (exists) {
      List<Column> columns = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT field, slot, kind FROM " + catalog + " ORDER BY position")) {
        while (rs.next()) {
          columns.add(new Column(rs.getString(1), rs.getInt(2), TypedValue.KINDS.indexOf(rs.getString(3))));
        }
      }
      state = State.of(columns);
      return;
    }
    if (!writable || limit == 0) {
      return; // a table of the earlier layout, read from its JSON (a later open with room migrates it)
    }
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + catalog + " (field VARCHAR NOT NULL, slot INTEGER NOT NULL, kind VARCHAR NOT NULL,"
          + " position INTEGER NOT NULL, PRIMARY KEY (field, kind))");
    }
    migrate(c);
  }

  /** Gives the fields of rows written before typed columns existed their columns, first seen first. */
  private void migrate(Connection c) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT k FROM (SELECT unnest(json_keys(data)) AS k, seq FROM "
        + quotedTable + ") GROUP BY k ORDER BY min(seq)")) {
      while (rs.next() && found.size() < limit) {
        if (addressable(rs.getString(1))) {
          found.add(rs.getString(1));
        }
      }
    }
    Map<String, Integer> kinds = new java.util.LinkedHashMap<>();
    for (String field : found) {
      kinds.put(field, 0); // add() reads which kinds the rows hold
    }
    if (!kinds.isEmpty()) {
      add(c, kinds);
    }
  }

  /** @return the kinds of value the stored rows hold at {@code field}, read from their JSON with the backfill's expressions */
  private String storedKindsSql(String field) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int kind = 0; kind < TypedValue.KINDS.length(); kind++) {
      sql.append(kind == 0 ? "" : ", ").append("count(").append(fromJson(field, kind)).append(")");
    }
    return sql.append(" FROM ").append(quotedTable).toString();
  }

  private int storedKinds(Statement st, String field) throws SQLException {
    int mask = 0;
    try (ResultSet rs = st.executeQuery(storedKindsSql(field))) {
      rs.next();
      for (int kind = 0; kind < TypedValue.KINDS.length(); kind++) {
        mask |= rs.getLong(kind + 1) > 0 ? 1 << kind : 0;
      }
    }
    return mask;
  }

  /**
   * Adds the {@code missing} kinds of column of fields (new fields get the next slots, with a
   * column for every kind of value the stored rows hold there as well) in one
   * transaction, filling them for rows already stored from their JSON with the dialect's own
   * expressions, then publishes them to queries and writes.
   */
  private void add(Connection c, Map<String, Integer> missing) throws SQLException {
    State s = state;
    List<Column> columns = new ArrayList<>(s.columns());
    int slots = s.fields().size();
    boolean auto = c.getAutoCommit();
    generation++; // views taken from here on are stale until the columns are published
    c.setAutoCommit(false);
    try (Statement st = c.createStatement();
        PreparedStatement register = c.prepareStatement("INSERT INTO " + catalog + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, Integer> e : missing.entrySet()) {
        String field = e.getKey();
        Field known = s.fields().get(field);
        int slot = known != null ? known.slot() : slots++;
        // a kept field's columns cover every row written since; a new one's rows may hold anything
        int kinds = known != null ? e.getValue() : e.getValue() | storedKinds(st, field);
        for (int kind = 0; kind < TypedValue.KINDS.length(); kind++) {
          if ((kinds & (1 << kind)) == 0) {
            continue;
          }
          Column col = new Column(field, slot, kind);
          register.setString(1, field);
          register.setInt(2, slot);
          register.setString(3, String.valueOf(TypedValue.KINDS.charAt(kind)));
          register.setInt(4, columns.size());
          register.executeUpdate();
          columns.add(col);
          st.execute("ALTER TABLE " + quotedTable + " ADD COLUMN " + col.name() + " " + TYPES[kind]);
          String value = fromJson(field, kind);
          st.execute("UPDATE " + quotedTable + " SET " + col.name() + " = " + value + " WHERE " + value + " IS NOT NULL");
        }
      }
      c.commit();
      state = State.of(columns);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
      generation++;
    }
  }

  /** @return the value column kind {@code kind} of {@code field} holds, computed from the JSON by the dialect */
  private static String fromJson(String field, int kind) {
    DuckDbDialect d = DuckDbDialect.INSTANCE;
    JsonPath p = JsonPath.of(field);
    String rt = d.rawType("data", p.literal());
    String rv = d.rawValue("data", p.literal());
    return switch (kind) {
      case 0 -> "(CASE WHEN " + d.classOf(rt, rv) + " IN ('t', 'f', 'z', 'a', 'o') THEN " + d.classOf(rt, rv) + " END)";
      case 1 -> "(CASE WHEN " + d.integralFrom(rt, rv) + " IS NULL THEN " + d.numberFrom(rt, rv) + " END)";
      case 2 -> d.integralFrom(rt, rv);
      case 3 -> d.textFrom(rt, rv);
      default -> d.hintOf("data_types", p.hintKey());
    };
  }
}

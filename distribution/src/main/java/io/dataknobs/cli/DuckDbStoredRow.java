package io.dataknobs.cli;

import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;

/**
 * The row a DuckDB database of the backend stores for a bench record, read from the table the API
 * filled, so the raw rows that judge DuckDB's writes write what the API writes: the same columns
 * (from {@code duckdb_columns()}), the bench's fields in the typed columns its side table names
 * (text, double, integer, a boolean's {@code t}/{@code f}, an Instant's text and its
 * {@code instant} hint), the JSON of the fields without one, {@code {}} metadata, the version,
 * times and insertion number. The type-hint columns ({@code *_types}) stay NULL: the bench's
 * records carry no value that needs one. Each column's value is resolved once, before any timed
 * write, as a hand-written insert would be.
 */
final class DuckDbStoredRow {
  /** One column's value for the {@code i}th record of the bench; null for a column left NULL. */
  @FunctionalInterface
  private interface ColumnValue {
    Object of(Record r, long i);
  }

  private final List<String> names = new ArrayList<>();
  private final List<String> definitions = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final List<ColumnValue> values = new ArrayList<>();

  private DuckDbStoredRow() {}

  /**
   * @param c a connection to the database under test
   * @param table the quoted table of the database under test
   * @return the typed columns the backend keeps (column, field, kind letter), in table order, read
   *     from its side table; null when it keeps none
   */
  static List<String[]> keptColumns(Connection c, String table) throws SQLException {
    String catalog = table.substring(1, table.length() - 1) + "_fields";
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?")) {
      ps.setString(1, catalog);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return null;
        }
      }
    }
    List<String[]> kept = new ArrayList<>();
    try (java.sql.Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT field, slot, kind FROM \"" + catalog + "\" ORDER BY position")) {
      while (rs.next()) {
        kept.add(new String[] {"f" + rs.getInt(2) + "_" + rs.getString(3), rs.getString(1), rs.getString(3)});
      }
    }
    return kept.isEmpty() ? null : kept;
  }

  /**
   * @param c a connection to the database under test
   * @param table its quoted table
   * @param json how the raw rows write a map as JSON text
   * @return the table's row, or null when the backend keeps no typed columns (the JSON row is then
   *     the row it stores)
   */
  static DuckDbStoredRow read(Connection c, String table, Function<Map<String, Object>, String> json) throws SQLException {
    List<String[]> kept = keptColumns(c, table);
    if (kept == null) {
      return null;
    }
    Map<String, String[]> typed = new HashMap<>();
    Set<String> inColumns = new HashSet<>();
    kept.forEach(k -> {
      typed.put(k[0], k);
      inColumns.add(k[1]);
    });
    long now = System.currentTimeMillis();
    DuckDbStoredRow row = new DuckDbStoredRow();
    try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable FROM duckdb_columns()"
        + " WHERE table_name = ? ORDER BY column_index")) {
      ps.setString(1, table.substring(1, table.length() - 1));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String column = rs.getString(1);
          String type = rs.getString(2);
          row.names.add(column);
          row.types.add(type);
          row.definitions.add(column + " " + type + (rs.getBoolean(3) ? "" : " NOT NULL") + (column.equals("id") ? " PRIMARY KEY" : ""));
          row.values.add(value(column, typed.get(column), inColumns, now, json, table));
        }
      }
    }
    return row;
  }

  private static ColumnValue value(String column, String[] kept, Set<String> inColumns, long now,
      Function<Map<String, Object>, String> json, String table) {
    if (column.endsWith("_types")) {
      return null;
    }
    return switch (column) {
      case "id" -> (r, i) -> r.id();
      case "data" -> (r, i) -> {
        Map<String, Object> rest = new LinkedHashMap<>();
        r.data().forEach((f, v) -> {
          if (!inColumns.contains(f)) {
            rest.put(f, v);
          }
        });
        return json.apply(rest);
      };
      case "metadata" -> (r, i) -> "{}";
      case "version", "seq" -> (r, i) -> i;
      case "created_at", "updated_at" -> (r, i) -> now;
      default -> {
        if (kept == null) {
          throw new IllegalStateException("the raw rows cannot fill column " + column + " of " + table);
        }
        char kind = kept[2].charAt(0);
        yield (r, i) -> typedValue(r.data().get(kept[1]), kind);
      }
    };
  }

  /** @return the value a typed column of kind {@code kind} holds for {@code v}, as written by hand for the bench's fields */
  private static Object typedValue(Object v, char kind) {
    return switch (kind) {
      case 'n' -> v instanceof Number x ? x.doubleValue() : null;
      case 'i' -> v instanceof Number x ? x.longValue() : null;
      case 's' -> v instanceof String || v instanceof java.time.Instant ? v.toString() : null;
      case 'k' -> v instanceof Boolean b ? (b ? "t" : "f") : null;
      case 'h' -> v instanceof java.time.Instant ? "instant" : null;
      default -> null;
    };
  }

  /** @return a statement creating {@code table} with the stored table's columns */
  String ddl(String table) {
    return "CREATE TABLE " + table + " (" + String.join(", ", definitions) + ")";
  }

  /**
   * @return a single-row insert into {@code table} of every column the row fills (the NULL ones
   *     left out, as someone writing it would), its JSON bound as VARCHAR
   *     ({@link DuckDbRawBaseline#JSON_PARAMETER})
   */
  String insert(String table) {
    List<String> written = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    for (int at = 0; at < names.size(); at++) {
      if (values.get(at) != null) {
        written.add(names.get(at));
        placeholders.add(types.get(at).equals("JSON") ? DuckDbRawBaseline.JSON_PARAMETER : "?");
      }
    }
    return "INSERT INTO " + table + " (" + String.join(", ", written) + ") VALUES (" + String.join(", ", placeholders) + ")";
  }

  /** Binds {@link #insert}'s parameters for record {@code r}, the {@code i}th of the bench. */
  void bind(PreparedStatement ps, Record r, long i) throws SQLException {
    int parameter = 0;
    for (int at = 0; at < names.size(); at++) {
      if (values.get(at) != null) {
        ps.setObject(++parameter, filled(at, r, i));
      }
    }
  }

  /** Appends record {@code r}, the {@code i}th of the bench, as one row of every column in table order. */
  void append(DuckDBAppender a, Record r, long i) throws SQLException {
    a.beginRow();
    for (int at = 0; at < names.size(); at++) {
      if (values.get(at) == null) {
        a.appendNull();
      } else {
        Object v = filled(at, r, i);
        if (v instanceof String s) {
          a.append(s);
        } else if (v instanceof Long l) {
          a.append(l.longValue());
        } else {
          a.append(((Double) v).doubleValue());
        }
      }
    }
    a.endRow();
  }

  private Object filled(int at, Record r, long i) {
    Object value = values.get(at).of(r, i);
    if (value == null) {
      throw new IllegalStateException("the raw rows write the bench's records only: no value for column " + names.get(at) + " of " + r.id());
    }
    return value;
  }
}

package io.dataknobs.backend.duckdb;

import io.dataknobs.core.sql.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a table's typed columns are recorded and how they are added: the side table
 * {@code <table>_fields} lists them in table order (DuckDB's column names ignore case, field
 * names do not), and a column added for rows already stored is filled from their JSON with the
 * dialect's own expressions.
 */
final class TypedCatalog {
  private final String table;
  private final String quotedTable;
  private final String catalog;

  /** @param table the validated table name */
  TypedCatalog(String table) {
    this.table = table;
    this.quotedTable = DuckDbDialect.INSTANCE.quote(table);
    this.catalog = DuckDbDialect.INSTANCE.quote(table + "_fields");
  }

  /** A field a query can name as a top-level path (a key with a dot is no such path). */
  static boolean addressable(String field) {
    JsonPath p = JsonPath.of(field);
    return p != null && !p.isId() && field.indexOf('.') < 0;
  }

  /** @return the recorded typed columns, or null when the table has no side table (it was written before typed columns) */
  TypedLayout load(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = current_schema()")) {
      ps.setString(1, table + "_fields");
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getLong(1) == 0) {
          return null;
        }
      }
    }
    List<TypedLayout.Column> columns = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT field, slot, kind FROM " + catalog + " ORDER BY position")) {
      while (rs.next()) {
        columns.add(new TypedLayout.Column(rs.getString(1), rs.getInt(2), TypedValue.KINDS.indexOf(rs.getString(3))));
      }
    }
    return TypedLayout.of(columns);
  }

  /** Creates the side table, empty. */
  void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + catalog + " (field VARCHAR NOT NULL, slot INTEGER NOT NULL, kind VARCHAR NOT NULL,"
          + " position INTEGER NOT NULL, PRIMARY KEY (field, kind))");
    }
  }

  /** @return the addressable top-level fields of the stored rows, first seen first, at most {@code limit} */
  List<String> storedFields(Connection c, int limit) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT k FROM (SELECT unnest(json_keys(data)) AS k, seq FROM "
        + quotedTable + ") GROUP BY k ORDER BY min(seq)")) {
      while (rs.next() && found.size() < limit) {
        if (addressable(rs.getString(1))) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
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
   * column for every kind of value the stored rows hold there as well) in one transaction,
   * filling them for rows already stored from their JSON.
   *
   * @param c the write connection, in auto-commit mode
   * @param current the columns there are
   * @param missing the kinds of column to add, by field (bits in the order of {@link TypedValue#KINDS})
   * @return the columns there are once the transaction committed
   */
  TypedLayout add(Connection c, TypedLayout current, Map<String, Integer> missing) throws SQLException {
    List<TypedLayout.Column> columns = new ArrayList<>(current.columns());
    int slots = current.fields().size();
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement();
        PreparedStatement register = c.prepareStatement("INSERT INTO " + catalog + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, Integer> e : missing.entrySet()) {
        String field = e.getKey();
        TypedLayout.Field known = current.fields().get(field);
        int slot = known != null ? known.slot() : slots++;
        // a kept field's columns cover every row written since; a new one's rows may hold anything
        int kinds = known != null ? e.getValue() : e.getValue() | storedKinds(st, field);
        for (int kind = 0; kind < TypedValue.KINDS.length(); kind++) {
          if ((kinds & (1 << kind)) == 0) {
            continue;
          }
          TypedLayout.Column col = new TypedLayout.Column(field, slot, kind);
          register.setString(1, field);
          register.setInt(2, slot);
          register.setString(3, String.valueOf(TypedValue.KINDS.charAt(kind)));
          register.setInt(4, columns.size());
          register.executeUpdate();
          columns.add(col);
          st.execute("ALTER TABLE " + quotedTable + " ADD COLUMN " + col.name() + " " + TypedLayout.TYPES[kind]);
          String value = fromJson(field, kind);
          st.execute("UPDATE " + quotedTable + " SET " + col.name() + " = " + value + " WHERE " + value + " IS NOT NULL");
        }
      }
      c.commit();
      return TypedLayout.of(columns);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
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

package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Records' top-level data fields in typed columns of their own beside the JSON column: a
 * columnar engine filters, groups and aggregates those columns without parsing JSON (DuckDB).
 * Each kept field is seen through {@link Columns}: expressions giving what the dialect's JSON
 * expressions would compute from the value, its one-letter class (see {@link SqlDialect}), its
 * number, its integer (when the JSON number is integral), its text (when it is a string) and its
 * type hint; all NULL when the field is missing. How many physical columns stand behind them is
 * the engine's choice.
 *
 * <p>The fields kept are the ones records use, added as they appear: before a write,
 * {@link #prepare} adds the columns of fields it has not seen, and the writes bind
 * {@link #written} columns. Queries ask a {@link View} at translation time; a field without
 * columns is read from the JSON, so a query is right whichever fields are kept. An engine may
 * keep values only in their columns ({@link #inJson}); reads of whole rows then select them and
 * {@linkplain View#decode put them back}. Used by engines with a single writer: {@link #prepare}
 * and the binding run under the write lock.
 *
 * @since core.sql 2.0
 */
@ConsumerType
public interface FieldColumns {
  /** No typed columns: every query reads the JSON. */
  FieldColumns NONE = new FieldColumns() {};

  /**
   * @param sqlType an SQL type
   * @return the expression of a kind of value a field has never held: a typed NULL, which a
   *     statement may leave out (see {@link #isNone})
   */
  static String none(String sqlType) {
    return "CAST(NULL AS " + sqlType + ")";
  }

  /**
   * @param expr one of a field's {@link Columns}
   * @return true if it is {@link #none}: the field holds no value of that kind
   */
  static boolean isNone(String expr) {
    return expr.startsWith("CAST(NULL AS ");
  }

  /**
   * The columns of one field, each an SQL expression over the table's row.
   *
   * @param type the class letter ({@code n}, {@code s}, {@code t}, {@code f}, {@code a},
   *     {@code o}, {@code z}; NULL when missing)
   * @param number the value as a double when it is a number, else NULL
   * @param integral the value as a BIGINT when it is an integral JSON number that fits, else NULL
   * @param text the value when it is a string, else NULL
   * @param hint the value's type hint ({@code instant}, {@code decimal}, …), NULL when it has none
   *     (each of these is {@link #none} for a kind of value the field has never held)
   * @param isNumber a test that the value is a number (the class is {@code n}), which a columnar
   *     engine can evaluate while it scans, as it cannot a test of {@code type}
   * @param isText a test that the value is a string (the class is {@code s})
   * @param other the class letter of a value that is neither a number nor a string, else NULL
   *     (with {@code number} and {@code text}, a grouping key that needs no per-row class)
   */
  record Columns(String type, String number, String integral, String text, String hint, String isNumber, String isText,
      String other) {}

  /**
   * The typed columns as one read sees them. Columns are added while others read, so a read
   * builds its statement from one view and, once the statement has run, asks whether the view
   * is still {@linkplain #current current}: if not, columns were added meanwhile (rows the
   * statement saw may use them) and the read runs again with a new view.
   */
  interface View {
    /** Typed columns of no field: every query reads the JSON. */
    View NONE = new View() {};

    /**
     * @param path a translated path
     * @return the columns of {@code path} if it is a kept top-level data field, else null (the
     *     query then reads the JSON)
     */
    default Columns columnsOf(JsonPath path) {
      return null;
    }

    /**
     * @return what a read of whole rows selects for the record, before any column of its own:
     *     {@link TableLayout#COLUMNS} by default; an engine whose driver pays per value read may
     *     pack them, and the columns holding values the JSON leaves out, into fewer
     * @since core.sql 2.0
     */
    default String record() {
      return TableLayout.COLUMNS;
    }

    /**
     * @return how many columns {@link #record} selects; a read's own columns follow them
     * @since core.sql 2.0
     */
    default int recordColumns() {
      return 6;
    }

    /**
     * Reads the record of a row, with the data in the record's field order.
     *
     * @param rs a result positioned on a row whose first columns are {@link #record}
     * @param codec the table's codec
     * @return the record
     * @throws SQLException from reading
     * @since core.sql 2.0
     */
    default Record decode(ResultSet rs, RowCodec codec) throws SQLException {
      return codec.decodeColumns(rs);
    }

    /** @return false if columns were added since this view was taken (or are being added) */
    default boolean current() {
      return true;
    }
  }

  /** @return the typed columns as they are now, for one read */
  default View view() {
    return View.NONE;
  }

  /**
   * @param data a record's data about to be written
   * @return what of it the JSON column holds: all of it, unless the engine keeps some values
   *     only in their typed columns (then {@link View#decode} must give back the same fields
   *     in the same order)
   */
  default Map<String, Object> inJson(Map<String, Object> data) {
    return data;
  }

  /**
   * @return the definitions of the current typed columns in table order ({@code name TYPE}), for
   *     re-creating the table; a write's placeholder of a column has the type after the name
   */
  default List<String> definitions() {
    return List.of();
  }

  /** @return the names of the current typed columns in table order, as writes list them */
  default List<String> written() {
    return List.of();
  }

  /**
   * Binds the typed values of {@code r} for every {@link #written} column, each to the
   * {@link SqlDialect#nullableParameter} of its type (through {@link SqlDialect#bindNullable}).
   *
   * @param ps the statement
   * @param at the first parameter
   * @param r the record
   * @param dialect the table's dialect
   * @return the next parameter
   * @throws SQLException from binding
   * @since core.sql 2.0
   */
  default int bind(PreparedStatement ps, int at, Record r, SqlDialect dialect) throws SQLException {
    return at;
  }

  /**
   * Adds the columns of fields of {@code records} not kept yet (committing them on their own),
   * before those records are written; does nothing when every field is kept or no more are.
   *
   * @param c the write connection, in auto-commit mode
   * @param records records about to be written
   * @throws SQLException from the engine
   */
  default void prepare(Connection c, List<Record> records) throws SQLException {}

  /**
   * Reads which fields are kept once the table exists; a writable database also adds columns
   * for the fields of rows written before (a table from an earlier layout).
   *
   * @param c the write connection, or a read connection when {@code writable} is false
   * @param writable whether columns may be added
   * @throws SQLException from the engine
   */
  default void open(Connection c, boolean writable) throws SQLException {}
}

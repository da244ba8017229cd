package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Typed copies of records' top-level data fields in columns of their own, beside the JSON that
 * stays the truth: a columnar engine filters, groups and aggregates those columns without
 * parsing JSON (DuckDB). Each kept field has five columns holding what the dialect's JSON
 * expressions would compute from the stored value: its one-letter class (see
 * {@link SqlDialect}), its number, its integer (when the JSON number is integral), its text
 * (when it is a string) and its type hint. A missing field leaves all five NULL.
 *
 * <p>The fields kept are the ones records use, added as they appear: before a write,
 * {@link #prepare} adds the columns of fields it has not seen, and the writes bind
 * {@link #written} columns. Queries ask {@link #columnsOf} at translation time; a field without
 * columns is read from the JSON, so a query is right whichever fields are kept. Used by engines
 * with a single writer: {@link #prepare} and the binding run under the write lock.
 *
 * @since core.sql 2.0
 */
@ConsumerType
public interface FieldColumns {
  /** No typed columns: every query reads the JSON. */
  FieldColumns NONE = new FieldColumns() {};

  /**
   * The columns of one field, each an SQL expression over the table's row.
   *
   * @param type the class letter ({@code n}, {@code s}, {@code t}, {@code f}, {@code a},
   *     {@code o}, {@code z}; NULL when missing)
   * @param number the value as a double when it is a number, else NULL
   * @param integral the value as a BIGINT when it is an integral JSON number that fits, else NULL
   * @param text the value when it is a string, else NULL
   * @param hint the value's type hint ({@code instant}, {@code decimal}, …), NULL when it has none
   * @param isNumber a test that the value is a number (the class is {@code n}), which a columnar
   *     engine can evaluate while it scans, as it cannot a test of {@code type}
   * @param isText a test that the value is a string (the class is {@code s})
   */
  record Columns(String type, String number, String integral, String text, String hint, String isNumber, String isText) {}

  /**
   * @param path a translated path
   * @return the columns of {@code path} if it is a kept top-level data field, else null (the
   *     query then reads the JSON)
   */
  default Columns columnsOf(JsonPath path) {
    return null;
  }

  /** @return the definitions of the current typed columns in table order ({@code name TYPE}), for re-creating the table */
  default List<String> definitions() {
    return List.of();
  }

  /** @return the names of the current typed columns in table order, as writes list them */
  default List<String> written() {
    return List.of();
  }

  /**
   * Binds the typed values of {@code r} for every {@link #written} column.
   *
   * @param ps the statement
   * @param at the first parameter
   * @param r the record
   * @return the next parameter
   * @throws SQLException from binding
   */
  default int bind(PreparedStatement ps, int at, Record r) throws SQLException {
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

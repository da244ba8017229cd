package io.dataknobs.backend.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Hands out the insertion-order numbers ({@code seq}) of appended rows. The table's sequence
 * steps by {@link #BLOCK}, so each number it yields reserves a block: batches take numbers from
 * the reserved block and query the sequence only when it runs out (a query per batch cost a
 * tenth of a 500-row batch). A row inserted through the column default takes a fresh block's
 * first number, so after one the reserved block is dropped: numbers keep following the order of
 * this database's writes. Not thread-safe; used under the write connection's lock.
 */
final class InsertionNumbers {
  /** The step of sequences this backend creates: the numbers one draw reserves. */
  static final long BLOCK = 65_536;

  private final String drawOne;
  private final String drawMany;
  private final long step;
  private final io.dataknobs.core.sql.SqlTable table;
  private long next;
  private long end;

  /**
   * @param sequence the sequence's name
   * @param step its increment (1 for a sequence made before blocks: every number is then drawn)
   * @param table the table, whose statement cache runs the draws
   */
  InsertionNumbers(String sequence, long step, io.dataknobs.core.sql.SqlTable table) {
    this.drawOne = "SELECT nextval('" + sequence + "')";
    // a parameter makes DuckDB plan the statement on every run (190 µs against 75 µs), so only
    // a batch that needs several blocks pays for it
    this.drawMany = drawOne + " FROM range(?)";
    this.step = Math.max(1, step);
    this.table = table;
  }

  /** @return {@code n} increasing numbers above every number this instance handed out before */
  long[] take(Connection c, int n) throws SQLException {
    long[] out = new long[n];
    int i = 0;
    while (i < n) {
      if (next == end) {
        long[] starts = draw(c, (int) ((n - i + step - 1) / step));
        for (long start : starts) {
          long k = 0;
          for (; k < step && i < n; k++) {
            out[i++] = start + k;
          }
          next = start + k;
          end = start + step;
        }
      } else {
        out[i++] = next++;
      }
    }
    return out;
  }

  /** Drops the reserved block: the sequence has moved past it (a row took a default number). */
  void skip() {
    next = end;
  }

  private long[] draw(Connection c, int blocks) throws SQLException {
    long[] starts = new long[blocks];
    table.run(c, blocks == 1 ? drawOne : drawMany, ps -> {
      if (blocks > 1) {
        ps.setLong(1, blocks);
      }
      try (ResultSet rs = ps.executeQuery()) {
        for (int i = 0; rs.next(); i++) {
          starts[i] = rs.getLong(1);
        }
      }
      return null;
    });
    // one query yields increasing numbers, but sort anyway: range order is not a promise
    java.util.Arrays.sort(starts);
    return starts;
  }
}

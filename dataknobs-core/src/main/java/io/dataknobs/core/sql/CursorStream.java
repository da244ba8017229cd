package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query streamed through one cursor on a borrowed read connection, held until the stream ends
 * or is closed, fetching {@code bufferSize} rows at a time. {@link #open} declines (returns null)
 * when the first row shows SQL would order the rows differently than the evaluator.
 */
final class CursorStream implements Iterator<Record>, Runnable {
  private final SqlAccess db;
  private final SqlTable t;
  private final Query query;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rs;
  private final FieldColumns.View view;
  private final AtomicBoolean released = new AtomicBoolean();
  private Record next;
  private boolean done;
  private boolean positioned;
  private boolean started;

  private CursorStream(SqlAccess db, SqlTable t, Query query, Connection c, PreparedStatement ps, ResultSet rs, boolean first,
      FieldColumns.View view) {
    this.view = view;
    this.db = db;
    this.t = t;
    this.query = query;
    this.connection = c;
    this.statement = ps;
    this.rs = rs;
    this.positioned = first;
  }

  /**
   * @param sql the select, its first columns the view's {@linkplain FieldColumns.View#record
   *     record} and, when {@code inexact}, the next one non-zero if SQL's order cannot be used
   * @param view the typed columns {@code sql} was built with
   * @return the stream's iterator (run it to release the cursor), or null to page in memory
   */
  static CursorStream open(SqlAccess db, SqlTable t, Query query, String sql, java.util.List<Object> params, int fetchSize,
      boolean inexact, FieldColumns.View view) {
    ConnectionSource source = t.connections();
    try {
      Connection c = source.borrow();
      PreparedStatement ps = null;
      try {
        if (t.dialect().cursorNeedsTransaction()) {
          c.setAutoCommit(false);
        }
        ps = c.prepareStatement(sql);
        ps.setFetchSize(Math.max(1, fetchSize));
        RowStatements.bind(ps, params, 1);
        ResultSet rs = ps.executeQuery();
        boolean first = rs.next();
        if (first && inexact && rs.getInt(view.recordColumns() + 1) != 0) {
          rs.close();
          ps.close();
          end(t, c);
          source.release(c);
          return null;
        }
        return new CursorStream(db, t, query, c, ps, rs, first, view);
      } catch (SQLException | RuntimeException e) {
        if (ps != null) {
          ps.close();
        }
        source.discard(c);
        throw e;
      }
    } catch (SQLException e) {
      throw db.error("stream", e);
    }
  }

  private static void end(SqlTable t, Connection c) throws SQLException {
    if (t.dialect().cursorNeedsTransaction()) {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  /** Releases the cursor and its connection (once). */
  @Override
  public void run() {
    if (released.compareAndSet(false, true)) {
      try {
        rs.close();
        statement.close();
        end(t, connection);
        t.connections().release(connection);
      } catch (SQLException e) {
        t.connections().discard(connection);
      }
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    try {
      db.checkOpen();
      boolean row = started ? rs.next() : positioned;
      started = true;
      if (row) {
        Record r = t.codec().decode(rs, view);
        next = query.select() == null ? r : r.project(query.select());
        return true;
      }
    } catch (SQLException e) {
      run();
      throw db.error("stream", e);
    }
    done = true;
    run();
    return false;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record r = next;
    next = null;
    return r;
  }
}

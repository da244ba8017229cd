package io.dataknobs.core.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the parts of a {@link JdbcDatabase} share: the engine's dialect, the table's layout, the
 * row codec and the connections with their statement cache. A {@link BulkWriter} is made from
 * it.
 *
 * @param dialect the engine's dialect
 * @param layout the table and its SQL
 * @param codec records to and from rows
 * @param connections where connections come from
 * @since core.sql 2.0
 */
public record SqlTable(SqlDialect dialect, TableLayout layout, RowCodec codec, ConnectionSource connections) {
  /**
   * Runs {@code work} on {@code sql} prepared on {@code c} through the connections' statement
   * cache.
   *
   * @param c a connection lent by {@link #connections}
   * @param sql the statement
   * @param work what to do with it
   * @param <T> the result
   * @return what {@code work} returned
   * @throws SQLException from preparing or from the work
   */
  public <T> T run(Connection c, String sql, StatementWork<T> work) throws SQLException {
    return connections.statements().run(c, sql, work);
  }

  /**
   * @param e a failed statement's exception (or its next exception)
   * @return true if it reports a primary-key violation
   */
  public boolean uniqueViolation(SQLException e) {
    return dialect.isUniqueViolation(e) || (e.getNextException() != null && e.getNextException() != e
        && dialect.isUniqueViolation(e.getNextException()));
  }
}

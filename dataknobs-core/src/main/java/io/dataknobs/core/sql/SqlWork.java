package io.dataknobs.core.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on one connection. The connection is lent for the call only: the work neither closes it
 * nor keeps it.
 *
 * @param <T> the result
 * @since core.sql 2.0
 */
@FunctionalInterface
public interface SqlWork<T> {
  /**
   * @param c the connection lent for this call
   * @return the result
   * @throws SQLException as the driver throws it; the caller classifies it
   */
  T run(Connection c) throws SQLException;
}

package io.dataknobs.core.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Work on one prepared statement lent by a {@link StatementCache}. The work binds and executes
 * it but does not close it; parameters and batch are cleared when the call returns.
 *
 * @param <T> the result
 * @since core.sql 2.0
 */
@FunctionalInterface
public interface StatementWork<T> {
  /**
   * @param ps the prepared statement
   * @return the result
   * @throws SQLException as the driver throws it
   */
  T run(PreparedStatement ps) throws SQLException;
}

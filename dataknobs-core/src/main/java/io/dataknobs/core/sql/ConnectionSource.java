package io.dataknobs.core.sql;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a {@link JdbcDatabase} gets its connections: {@link EmbeddedConnections} (one write
 * connection under a lock, read connections beside it) or {@link PooledConnections} (a
 * connection borrowed per call from a pool shared by the databases of one server).
 *
 * <p>A connection is lent to one caller at a time and comes back when the call returns.
 * Failures are thrown as the driver's {@link SQLException}; the database classifies them.
 *
 * @since core.sql 2.0
 */
@ConsumerType
public interface ConnectionSource {
  /**
   * Runs work that writes. Embedded engines run it on their one write connection, one call at a
   * time; pooled engines on a borrowed connection, relying on the engine's own locking.
   *
   * @param work the work
   * @param <T> its result
   * @return what the work returned
   * @throws SQLException from borrowing or from the work
   */
  <T> T write(SqlWork<T> work) throws SQLException;

  /**
   * Runs work that only reads, on a connection that sees everything committed, concurrently
   * with writes where the engine allows it.
   *
   * @param work the work
   * @param <T> its result
   * @return what the work returned
   * @throws SQLException from borrowing or from the work
   */
  <T> T read(SqlWork<T> work) throws SQLException;

  /**
   * Lends a read connection beyond one call (a streaming cursor); give it back with
   * {@link #release} or {@link #discard}.
   *
   * @return the connection
   * @throws SQLException if none can be had
   */
  Connection borrow() throws SQLException;

  /**
   * Takes back a connection from {@link #borrow} in good order.
   *
   * @param c the connection
   */
  void release(Connection c);

  /**
   * Takes back a connection from {@link #borrow} whose state is unknown after a failure.
   *
   * @param c the connection
   */
  void discard(Connection c);

  /**
   * @return true if {@link #borrow} can lend a connection beyond one call (an in-memory
   *     database living on its one write connection cannot)
   */
  boolean canLend();

  /** @return the statement cache suited to these connections */
  StatementCache statements();

  /**
   * @return true if connections are borrowed per call from a shared pool (a server engine), so
   *     any query may stream through a server-side cursor
   */
  boolean pooled();

  /**
   * Closes what this source owns (embedded connections) or gives back its share of a pool.
   *
   * @throws SQLException if a connection fails to close
   */
  void close() throws SQLException;
}

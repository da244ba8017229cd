package io.dataknobs.core.sql;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connections of a server engine: every call borrows one from a pool shared by the
 * databases on that server and gives it back at once; no lock is taken, the engine's own
 * concurrency control serializes conflicting writes. Statements are left to the driver's
 * per-connection cache. Engines that retire connections after some use override
 * {@link #giveBack} and {@link #statements}.
 *
 * @since core.sql 2.0
 */
public class PooledConnections implements ConnectionSource {
  private final DataSource pool;
  private final AutoCloseable release;
  private final StatementCache statements = StatementCache.uncached(c -> {});

  /**
   * @param pool the shared pool
   * @param release gives this database's share of the pool back on {@link #close}
   */
  public PooledConnections(DataSource pool, AutoCloseable release) {
    this.pool = pool;
    this.release = release;
  }

  @Override
  public <T> T write(SqlWork<T> work) throws SQLException {
    Connection c = pool.getConnection();
    try {
      return work.run(c);
    } finally {
      giveBack(c);
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) throws SQLException {
    return write(work);
  }

  @Override
  public Connection borrow() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void release(Connection c) {
    giveBack(c);
  }

  @Override
  public void discard(Connection c) {
    giveBack(c);
  }

  /**
   * Returns a borrowed connection to the pool.
   *
   * @param c the connection
   */
  protected void giveBack(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the pool discards a connection that fails to close
    }
  }

  @Override
  public boolean canLend() {
    return true;
  }

  @Override
  public StatementCache statements() {
    return statements;
  }

  @Override
  public boolean pooled() {
    return true;
  }

  @Override
  public void close() throws SQLException {
    try {
      release.close();
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException("failed to release the pool: " + e.getMessage(), e);
    }
  }
}

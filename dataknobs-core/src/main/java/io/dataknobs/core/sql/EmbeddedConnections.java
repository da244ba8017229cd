package io.dataknobs.core.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of an embedded engine (SQLite, DuckDB): one write connection used under a
 * lock, so writes are serialized in the process as the engine requires, and up to
 * {@code maxReaders} read connections opened on demand and kept idle between calls, so reads
 * proceed while the writer works (WAL, MVCC). Without a reader factory (an in-memory database
 * that exists on one connection) reads share the write connection.
 *
 * @since core.sql 2.0
 */
public final class EmbeddedConnections implements ConnectionSource, io.dataknobs.core.pool.Pooled {
  /** Statements each connection keeps prepared. */
  public static final int STATEMENTS_PER_CONNECTION = 128;

  /** Opens a read connection to the same database. */
  @FunctionalInterface
  public interface ReaderFactory {
    /**
     * @return a new connection that sees what the write connection committed
     * @throws SQLException if it cannot be opened
     */
    Connection open() throws SQLException;
  }

  private final Connection writer;
  private final ReaderFactory readers;
  private final int maxReaders;
  private final ReentrantLock lock = new ReentrantLock();
  private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final StatementCache statements = StatementCache.perConnection(STATEMENTS_PER_CONNECTION);

  /**
   * @param writer the write connection (owned: closed with this source)
   * @param readers opens read connections, or null when reads share the write connection
   * @param maxReaders how many read connections may be open at once (at least 1)
   */
  public EmbeddedConnections(Connection writer, ReaderFactory readers, int maxReaders) {
    this.writer = writer;
    this.readers = readers;
    this.maxReaders = Math.max(1, maxReaders);
  }

  @Override
  public <T> T write(SqlWork<T> work) throws SQLException {
    lock.lock();
    try {
      return work.run(writer);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) throws SQLException {
    if (readers == null) {
      return write(work);
    }
    Connection c = borrow();
    boolean ok = false;
    try {
      T result = work.run(c);
      ok = true;
      return result;
    } finally {
      if (ok) {
        release(c);
      } else {
        discard(c);
      }
    }
  }

  /** {@inheritDoc} Without a reader factory there is nothing to lend: streams page instead. */
  @Override
  public Connection borrow() throws SQLException {
    if (readers == null) {
      throw new SQLException("an in-memory database has no read connections to lend");
    }
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    if (open.incrementAndGet() <= maxReaders) {
      try {
        return readers.open();
      } catch (SQLException | RuntimeException e) {
        open.decrementAndGet();
        throw e;
      }
    }
    open.decrementAndGet();
    waiting.incrementAndGet();
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a read connection", e);
    } finally {
      waiting.decrementAndGet();
    }
  }

  @Override
  public void release(Connection c) {
    idle.offer(c);
  }

  @Override
  public void discard(Connection c) {
    open.decrementAndGet();
    statements.forget(c);
    try {
      c.close();
    } catch (SQLException ignored) {
      // already failing; the original error is what matters
    }
  }

  /** {@inheritDoc} True when reads have connections of their own. */
  @Override
  public boolean canLend() {
    return readers != null;
  }

  /**
   * {@inheritDoc} The read connections, as one pool owned by this database ({@code readers}); an
   * in-memory database without readers has none.
   */
  @Override
  public java.util.List<io.dataknobs.core.pool.PoolInfo> pools() {
    if (readers == null) {
      return java.util.List.of();
    }
    int total = open.get();
    int ready = idle.size();
    return java.util.List.of(new io.dataknobs.core.pool.PoolInfo("database", "readers", "", 1, Math.max(0, total - ready), ready,
        total, waiting.get()));
  }

  @Override
  public StatementCache statements() {
    return statements;
  }

  @Override
  public boolean pooled() {
    return false;
  }

  @Override
  public void close() throws SQLException {
    lock.lock();
    try {
      for (Connection r; (r = idle.poll()) != null; ) {
        statements.forget(r);
        try {
          r.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      statements.forget(writer);
      writer.close();
    } finally {
      lock.unlock();
    }
  }
}

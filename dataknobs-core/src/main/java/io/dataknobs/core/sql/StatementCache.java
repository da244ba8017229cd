package io.dataknobs.core.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection and lent to one caller at a time. Embedded engines
 * plan a statement far longer than they run a one-row insert (DuckDB: 190 µs against 75 µs), so
 * a long-lived connection keeps its most recent statements; connections borrowed from a pool
 * change per call and rely on the driver's own per-connection cache (pgjdbc), so
 * {@link #uncached} prepares and closes each time.
 *
 * <p>A connection is used by one thread at a time (the {@link ConnectionSource} lends it so),
 * hence a statement is never lent twice at once.
 *
 * @since core.sql 2.0
 */
public final class StatementCache {
  /** Called before each statement runs on a connection (to count statements per connection). */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param c the connection the statement is about to run on
     * @throws SQLException if the connection cannot be inspected
     */
    void beforeStatement(Connection c) throws SQLException;
  }

  private final int capacity;
  private final Listener listener;
  private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();
  /** Bumped when the table changes shape; a connection's statements prepared before are stale. */
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
  private final Map<Connection, Long> generationOf = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.LongAdder prepares = new java.util.concurrent.atomic.LongAdder();

  private StatementCache(int capacity, Listener listener) {
    this.capacity = capacity;
    this.listener = listener;
  }

  /**
   * @param capacity the statements kept per connection (least recently used go first)
   * @return a cache for long-lived connections
   */
  public static StatementCache perConnection(int capacity) {
    return new StatementCache(Math.max(1, capacity), c -> {});
  }

  /**
   * @param listener told of every statement before it runs
   * @return a cache that keeps nothing: each call prepares and closes its statement
   */
  public static StatementCache uncached(Listener listener) {
    return new StatementCache(0, listener);
  }

  /**
   * Runs {@code work} on {@code sql} prepared on {@code c} (or taken from the cache).
   *
   * @param c the connection
   * @param sql the statement
   * @param work what to do with it
   * @param <T> the result
   * @return what {@code work} returned
   * @throws SQLException from preparing or from the work
   */
  public <T> T run(Connection c, String sql, StatementWork<T> work) throws SQLException {
    listener.beforeStatement(c);
    if (capacity == 0) {
      prepares.increment();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        return work.run(ps);
      }
    }
    PreparedStatement ps = cached(c, sql);
    T result;
    try {
      result = work.run(ps);
    } catch (SQLException | RuntimeException | Error e) {
      // a statement the failure left in an unknown state is not lent again
      evict(c, sql, ps);
      throw e;
    }
    try {
      ps.clearBatch();
      ps.clearParameters();
    } catch (SQLException e) {
      evict(c, sql, ps);
    }
    return result;
  }

  private void evict(Connection c, String sql, PreparedStatement ps) {
    Map<String, PreparedStatement> cache = byConnection.get(c);
    if (cache != null) {
      cache.remove(sql, ps);
    }
    closeQuietly(ps);
  }

  private PreparedStatement cached(Connection c, String sql) throws SQLException {
    long now = generation.get();
    Long prepared = generationOf.put(c, now);
    if (prepared != null && prepared != now) {
      forgetStatements(c); // this thread holds c, so none of its statements is lent
    }
    Map<String, PreparedStatement> cache = byConnection.computeIfAbsent(c, k -> new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= capacity) {
          return false;
        }
        closeQuietly(eldest.getValue());
        return true;
      }
    });
    PreparedStatement ps = cache.get(sql);
    if (ps == null || ps.isClosed()) {
      prepares.increment();
      ps = c.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  /**
   * Closes and drops the statements of a connection that is about to close.
   *
   * @param c the connection
   */
  public void forget(Connection c) {
    generationOf.remove(c);
    forgetStatements(c);
  }

  private void forgetStatements(Connection c) {
    Map<String, PreparedStatement> cache = byConnection.remove(c);
    if (cache != null) {
      cache.values().forEach(StatementCache::closeQuietly);
    }
  }

  /**
   * Marks every kept statement stale because the table was replaced or altered: each connection
   * closes its statements the next time it runs one, on the thread that holds it. DuckDB plans a
   * statement prepared before such a change again on every run, for as long as it is kept (single
   * inserts after a {@code clear}: 600 a second against 900).
   *
   * @since core.sql 2.0
   */
  public void invalidate() {
    generation.incrementAndGet();
  }

  /**
   * @return how many statements this cache has prepared on any connection so far; a kept
   *     statement lent again is not counted, so the figure shows how often the engine had to plan
   * @since core.sql 2.0
   */
  public long prepared() {
    return prepares.sum();
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException ignored) {
      // a statement that fails to close is gone either way
    }
  }
}

package io.dataknobs.core.sql;

import io.dataknobs.core.internal.sql.SqlFragment;
import io.dataknobs.core.internal.sql.SqlTranslator;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.codec.RecordCodec;
import io.dataknobs.core.query.Aggregator;
import io.dataknobs.core.query.QueryEvaluator;
import io.dataknobs.core.tx.BufferedTransaction;
import io.dataknobs.core.tx.WriteOp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A backend over one SQL table, shared by the SQL engines through a {@link SqlDialect}.
 *
 * <p>Layout: {@code id} (primary key), {@code data} and {@code metadata} as JSON in their
 * natural form (so the engine can filter on them), {@code data_types}/{@code metadata_types}
 * with the codec's type hints (NULL when there are none), {@code version} (a random 63-bit
 * token, new on every write), {@code created_at}/{@code updated_at} (epoch milliseconds).
 *
 * <p>Embedded engines write through one connection under a lock and read on a small pool of
 * read connections; server engines borrow a pooled connection per operation (see
 * {@link #JdbcDatabase(SqlDialect, String, javax.sql.DataSource, boolean, AutoCloseable)}).
 * Batches run in one SQL transaction, so {@code createBatch} is all-or-nothing and names the
 * colliding id.
 * Transactions buffer their writes and apply them in one SQL transaction at commit (atomic;
 * conflicts with outside writes fail the commit). Queries push down whatever
 * {@link SqlTranslator} can express exactly and evaluate the rest in memory.
 */
public abstract class JdbcDatabase extends AbstractDatabase {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcDatabase.class);
  private static final String COLUMNS = "id, data, data_types, metadata, metadata_types, version";
  private static final int IN_CHUNK = 500;

  protected final SqlDialect dialect;
  protected final SqlTranslator translator;
  protected final String table;
  private final String tableName;
  private final RecordCodec codec = RecordCodec.standard();
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  /** Server engines: connections are borrowed per operation, and the engine serializes writes. */
  private final javax.sql.DataSource pool;
  private final AutoCloseable poolRelease;
  private final boolean readOnly;
  private final ReaderSource readers;
  private final int maxReaders;
  private final java.util.concurrent.BlockingQueue<Connection> idleReaders = new java.util.concurrent.LinkedBlockingQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger openReaders = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param dialect the engine's dialect
   * @param tableName the validated table name
   * @param connection the connection all statements run on (owned: closed with the database)
   * @param readOnly whether every write is to be rejected
   */
  protected JdbcDatabase(SqlDialect dialect, String tableName, Connection connection, boolean readOnly) {
    this(dialect, tableName, connection, readOnly, null, 0);
  }

  /** Opens extra read connections to the same database. */
  @FunctionalInterface
  public interface ReaderSource {
    /** @return a new connection that sees what the write connection committed */
    Connection open() throws SQLException;
  }

  /**
   * @param dialect the engine's dialect
   * @param tableName the validated table name
   * @param connection the write connection (owned)
   * @param readOnly whether every write is to be rejected
   * @param readers opens read connections (null: reads share the write connection)
   * @param maxReaders how many read connections may be open at once
   */
  protected JdbcDatabase(SqlDialect dialect, String tableName, Connection connection, boolean readOnly, ReaderSource readers,
      int maxReaders) {
    this(dialect, tableName, readOnly, connection, readers, maxReaders, null, null);
  }

  /**
   * A table on a server engine: every operation borrows a connection from {@code pool} and gives
   * it back at once (a stream holds one until it is closed); no lock is taken, the engine's own
   * concurrency control serializes conflicting writes.
   *
   * @param dialect the engine's dialect
   * @param tableName the validated table name
   * @param pool the shared pool
   * @param readOnly whether every write is to be rejected
   * @param release gives the database's share of the pool back when it closes
   */
  protected JdbcDatabase(SqlDialect dialect, String tableName, javax.sql.DataSource pool, boolean readOnly, AutoCloseable release) {
    this(dialect, tableName, readOnly, null, null, 1, pool, release);
  }

  private JdbcDatabase(SqlDialect dialect, String tableName, boolean readOnly, Connection connection, ReaderSource readers,
      int maxReaders, javax.sql.DataSource pool, AutoCloseable poolRelease) {
    this.dialect = dialect;
    this.translator = new SqlTranslator(dialect);
    this.tableName = tableName;
    this.table = dialect.quote(tableName);
    this.readOnly = readOnly;
    this.connection = connection;
    this.readers = readers;
    this.maxReaders = Math.max(1, maxReaders);
    this.pool = pool;
    this.poolRelease = poolRelease;
  }

  @Override
  protected void ensureWritable() {
    if (readOnly) {
      throw new io.dataknobs.api.ReadOnlyDatabaseException(dialect.name() + " table '" + tableName
          + "' was opened read-only (read_only: true); nothing was written");
    }
  }

  /** Checks that the table exists (read-only databases cannot create it). */
  protected void requireTable() {
    try {
      withConnection("find the table", c -> {
        try (Statement s = c.createStatement()) {
          s.executeQuery("SELECT id FROM " + table + " LIMIT 0").close();
        }
        return null;
      });
    } catch (io.dataknobs.api.BackendFailureException e) {
      throw new io.dataknobs.api.ConfigurationException("table", "table '" + tableName + "' does not exist, and a read-only "
          + dialect.name() + " database cannot create it", java.util.List.of(), e);
    }
  }

  /** @return true if {@code e} reports a primary-key violation */
  protected abstract boolean isUniqueViolation(SQLException e);

  /** Work on the connection; SQL failures become {@link BackendUnavailableException}. */
  @FunctionalInterface
  protected interface SqlWork<T> {
    /** @return the result */
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on the connection under the lock (or on a pooled connection). */
  protected <T> T withConnection(String what, SqlWork<T> work) {
    if (pool != null) {
      return withPooled(what, work);
    }
    lock.lock();
    try {
      ensureOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw error(what, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs read-only {@code work} on a pooled read connection, so reads proceed while the writer
   * works (WAL, MVCC); without a reader source it is {@link #withConnection}.
   */
  protected <T> T withReader(String what, SqlWork<T> work) {
    if (readers == null) {
      return withConnection(what, work);
    }
    ensureOpen();
    Connection c = null;
    try {
      c = borrowReader();
      T result = work.run(c);
      idleReaders.offer(c);
      c = null;
      return result;
    } catch (SQLException e) {
      throw error(what, e);
    } finally {
      if (c != null) {
        discardReader(c);
      }
    }
  }

  private <T> T withPooled(String what, SqlWork<T> work) {
    ensureOpen();
    Connection c = null;
    try {
      c = pool.getConnection();
      return work.run(c);
    } catch (SQLException e) {
      throw error(what, e);
    } finally {
      if (c != null) {
        giveBack(c);
      }
    }
  }

  /**
   * Returns a borrowed pooled connection (server engines); engines that retire connections
   * after some use override this and call it.
   */
  protected void giveBack(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the pool discards a connection that fails to close
    }
  }

  private Connection borrowReader() throws SQLException {
    if (pool != null) {
      return pool.getConnection();
    }
    Connection c = idleReaders.poll();
    if (c != null) {
      return c;
    }
    if (openReaders.incrementAndGet() <= maxReaders) {
      try {
        return readers.open();
      } catch (SQLException | RuntimeException e) {
        openReaders.decrementAndGet();
        throw e;
      }
    }
    openReaders.decrementAndGet();
    try {
      return idleReaders.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a read connection", e);
    }
  }

  private void returnReader(Connection c) {
    if (pool != null) {
      giveBack(c);
    } else {
      idleReaders.offer(c);
    }
  }

  private void discardReader(Connection c) {
    if (pool != null) {
      giveBack(c);
      return;
    }
    openReaders.decrementAndGet();
    statements.remove(c);
    try {
      c.close();
    } catch (SQLException ignored) {
      // already failing; the original error is what matters
    }
  }

  private static final int STATEMENTS_PER_CONNECTION = 128;
  private final Map<Connection, Map<String, PreparedStatement>> statements = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Prepares {@code sql} once per connection and reuses it (engines such as DuckDB spend far
   * longer planning a statement than running a one-row insert). The statement returned may be
   * closed as usual: closing clears its parameters and keeps it for the next call. Each
   * connection keeps its {@value #STATEMENTS_PER_CONNECTION} most recent statements. On a pool
   * the driver's own per-connection statement cache does this (pgjdbc).
   */
  protected PreparedStatement prepare(Connection c, String sql) throws SQLException {
    if (pool != null) {
      // pooled connections change per call; the driver keeps server-side statements per connection
      return c.prepareStatement(sql);
    }
    PreparedStatement target = cached(c, sql);
    return (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            target.clearParameters();
            return null;
          }
          try {
            return method.invoke(target, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private PreparedStatement cached(Connection c, String sql) throws SQLException {
    Map<String, PreparedStatement> cache = statements.computeIfAbsent(c, k -> new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= STATEMENTS_PER_CONNECTION) {
          return false;
        }
        try {
          eldest.getValue().close();
        } catch (SQLException ignored) {
          // an evicted statement that fails to close is gone either way
        }
        return true;
      }
    });
    synchronized (cache) {
      PreparedStatement ps = cache.get(sql);
      if (ps == null || ps.isClosed()) {
        ps = c.prepareStatement(sql);
        cache.put(sql, ps);
      }
      return ps;
    }
  }

  /** Work on a prepared statement. */
  @FunctionalInterface
  protected interface StatementWork<T> {
    /** @return the result */
    T run(PreparedStatement ps) throws SQLException;
  }

  /**
   * Runs {@code work} on {@code sql} prepared as {@link #prepare} would, but on the statement
   * itself rather than a closing-safe view: loops that bind every column of many rows spent a
   * tenth of a batch in the view's reflective calls. Parameters and batch are cleared afterwards.
   */
  protected <T> T withStatement(Connection c, String sql, StatementWork<T> work) throws SQLException {
    if (pool != null) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        return work.run(ps);
      }
    }
    PreparedStatement ps = cached(c, sql);
    try {
      return work.run(ps);
    } finally {
      ps.clearBatch();
      ps.clearParameters();
    }
  }

  /**
   * @return a transient failure of a statement (the driver exception is the cause)
   * @deprecated since core.sql 1.1: not every failure is transient; use {@link #error}
   */
  @Deprecated
  protected BackendUnavailableException failure(String what, SQLException e) {
    return new BackendUnavailableException(dialect.name() + " failed to " + what + " on table '" + tableName + "': "
        + e.getMessage(), e);
  }

  /**
   * The typed exception for a failed statement, as the dialect {@linkplain SqlDialect#classify
   * classifies} it: transient failures are {@link BackendUnavailableException}, bad input a
   * {@code RecordValidationException} (when {@code what} writes) or {@code QueryException}, the
   * rest {@code BackendFailureException}. The driver exception is the cause.
   *
   * @param what the operation, as "create 'id'", "read a batch of 3", "count": a leading
   *     create, update, upsert, delete, commit or write marks a write
   * @param e the driver's exception
   * @return the exception to throw
   * @since core.sql 1.1
   */
  protected io.dataknobs.api.DataknobsException error(String what, SQLException e) {
    return dialect.classify(e).toException(dialect.name() + " failed to " + what + " on table '" + tableName + "': "
        + e.getMessage(), e, WRITES.matcher(what).lookingAt());
  }

  private static final java.util.regex.Pattern WRITES = java.util.regex.Pattern.compile("(create|update|upsert|delete|commit|write)\\b");

  /** Runs {@code work} in one SQL transaction, rolling back on any failure. */
  protected <T> T inSqlTransaction(String what, SqlWork<T> work) {
    return withConnection(what, c -> {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    });
  }

  /** Creates the table (and the expression indexes for {@code indexedFields}) if missing. */
  protected void createSchema(List<String> indexedFields) {
    if (!indexedFields.isEmpty() && dialect.expressionIndexLimitation() != null) {
      throw new io.dataknobs.api.ConfigurationException("indexes", "configuration key 'indexes' is not supported by "
          + dialect.name() + ": " + dialect.expressionIndexLimitation());
    }
    withConnection("create the table", c -> {
      try (Statement s = c.createStatement()) {
        for (String before : dialect.beforeCreateTable(tableName)) {
          s.execute(before);
        }
        s.execute(createTableSql());
        int n = 0;
        for (String field : indexedFields) {
          JsonPath p = JsonPath.of(field);
          if (p == null || p.isId()) {
            throw new io.dataknobs.api.ConfigurationException("indexes", "configuration key 'indexes': cannot index field '" + field
                + "': index paths are names of letters, digits, '_', '-', ' ', '$' or '@' separated by '.'");
          }
          s.execute("CREATE INDEX IF NOT EXISTS " + dialect.quote(tableName + "_ix" + n++) + " ON " + table + " ("
              + dialect.textOf(p.column(), p.literal()) + ")");
        }
      }
      return null;
    });
  }

  /** @return the {@code CREATE TABLE IF NOT EXISTS} statement of this database's table */
  protected String createTableSql() {
    String json = dialect.jsonColumnType();
    String text = dialect.textColumnType();
    return "CREATE TABLE IF NOT EXISTS " + table + " (id " + text + " PRIMARY KEY, data " + json + " NOT NULL, data_types " + text
        + ", metadata " + json + " NOT NULL, metadata_types " + text + ", version BIGINT NOT NULL, created_at BIGINT NOT NULL,"
        + " updated_at BIGINT NOT NULL" + dialect.extraColumns(tableName) + ")";
  }

  // ---- encoding ------------------------------------------------------------------------------

  /**
   * The column values of a row as stored: data JSON, data hints, metadata JSON, metadata hints
   * (hints null when empty), for engines with their own bulk path.
   */
  protected String[] encodeRow(Record r) {
    RecordCodec.Encoded data = codec.encode(r.data());
    RecordCodec.Encoded meta = codec.encode(r.metadata());
    return new String[] {data.json(), hints(data.hints()), meta.json(), hints(meta.hints())};
  }

  private String hints(Map<String, String> h) {
    return h.isEmpty() ? null : codec.hintsToJson(h);
  }

  private int bindRecord(PreparedStatement ps, int at, Record r, long version) throws SQLException {
    RecordCodec.Encoded data = codec.encode(r.data());
    RecordCodec.Encoded meta = codec.encode(r.metadata());
    ps.setString(at++, data.json());
    ps.setString(at++, hints(data.hints()));
    ps.setString(at++, meta.json());
    ps.setString(at++, hints(meta.hints()));
    ps.setLong(at++, version);
    return at;
  }

  private Record decode(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    Map<String, Object> data = codec.decode(rs.getString(2), codec.hintsFromJson(rs.getString(3)));
    Map<String, Object> meta = codec.decode(rs.getString(4), codec.hintsFromJson(rs.getString(5)));
    Record.Builder b = Record.builder().id(id).putAll(data);
    meta.forEach(b::metadata);
    return b.build();
  }

  /** @return a new random version token for a write */
  protected static long nextVersion() {
    return ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
  }

  private static void bind(PreparedStatement ps, List<Object> params, int from) throws SQLException {
    int i = from;
    for (Object p : params) {
      ps.setObject(i++, p);
    }
  }

  // ---- statements on a given connection (shared by primitives, batches and commits) -----------

  private void insert(Connection c, String id, Record r) throws SQLException {
    try (PreparedStatement ps = prepare(c, insertSql())) {
      ps.setString(1, id);
      int at = bindRecord(ps, 2, r, nextVersion());
      long now = System.currentTimeMillis();
      ps.setLong(at++, now);
      ps.setLong(at, now);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateRecordException(id, e);
      }
      throw e;
    }
    insertedWithDefaults();
  }

  /**
   * Called after rows were inserted with the table's column defaults (the insertion order among
   * them); engines that number appended rows themselves override it.
   */
  protected void insertedWithDefaults() {}

  private String insertSql() {
    return "INSERT INTO " + table + " (" + COLUMNS + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  }

  private String upsertSql() {
    return insertSql() + " ON CONFLICT (id) DO UPDATE SET data = excluded.data, data_types = excluded.data_types,"
        + " metadata = excluded.metadata, metadata_types = excluded.metadata_types, version = excluded.version,"
        + " updated_at = excluded.updated_at";
  }

  private void bindUpsert(PreparedStatement ps, String id, Record r) throws SQLException {
    ps.setString(1, id);
    int at = bindRecord(ps, 2, r, nextVersion());
    long now = System.currentTimeMillis();
    ps.setLong(at++, now);
    ps.setLong(at, now);
  }

  /** @return rows changed; 0 if absent or (with a version) stale */
  private int updateRow(Connection c, String id, Record r, String expectedVersion) throws SQLException {
    String sql = "UPDATE " + table + " SET data = ?, data_types = ?, metadata = ?, metadata_types = ?, version = ?, updated_at = ?"
        + " WHERE id = ?" + (expectedVersion == null ? "" : " AND version = ?");
    try (PreparedStatement ps = prepare(c, sql)) {
      int at = bindRecord(ps, 1, r, nextVersion());
      ps.setLong(at++, System.currentTimeMillis());
      ps.setString(at++, id);
      if (expectedVersion != null) {
        ps.setLong(at, parseVersion(expectedVersion));
      }
      return ps.executeUpdate();
    }
  }

  private static long parseVersion(String token) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Optional<String> versionOf(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = prepare(c, "SELECT version FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Long.toString(rs.getLong(1))) : Optional.empty();
      }
    }
  }

  private ConcurrencyException stale(Connection c, String id, String expected) throws SQLException {
    Optional<String> current = versionOf(c, id);
    return new ConcurrencyException(id, current.isEmpty() ? "conditional write to '" + id + "': no record is stored"
        : "conditional write to '" + id + "': expected version " + expected + " but the record is at " + current.get());
  }

  private boolean update(Connection c, String id, Record r, String expectedVersion) throws SQLException {
    if (updateRow(c, id, r, expectedVersion) > 0) {
      return true;
    }
    if (expectedVersion != null && versionOf(c, id).isPresent()) {
      throw stale(c, id, expectedVersion);
    }
    return false;
  }

  private void upsert(Connection c, String id, Record r, String expectedVersion) throws SQLException {
    if (expectedVersion != null) {
      if (updateRow(c, id, r, expectedVersion) == 0) {
        throw stale(c, id, expectedVersion);
      }
      return;
    }
    try (PreparedStatement ps = prepare(c, upsertSql())) {
      bindUpsert(ps, id, r);
      ps.executeUpdate();
    }
    insertedWithDefaults();
  }

  private boolean delete(Connection c, String id, String expectedVersion) throws SQLException {
    try (PreparedStatement ps = prepare(c, "DELETE FROM " + table + " WHERE id = ?"
        + (expectedVersion == null ? "" : " AND version = ?"))) {
      ps.setString(1, id);
      if (expectedVersion != null) {
        ps.setLong(2, parseVersion(expectedVersion));
      }
      if (ps.executeUpdate() > 0) {
        return true;
      }
    }
    if (expectedVersion != null && versionOf(c, id).isPresent()) {
      throw stale(c, id, expectedVersion);
    }
    return false;
  }

  /** @return the first of {@code ids} (in their order) that is stored already, if any */
  protected Optional<String> firstStored(Connection c, List<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      try (PreparedStatement ps = prepare(c, "SELECT id FROM " + table + " WHERE id IN (" + marks(chunk.size()) + ")")) {
        bind(ps, new ArrayList<>(chunk), 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return ids.stream().filter(found::contains).findFirst();
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  // ---- primitives ------------------------------------------------------------------------------

  @Override
  protected void doCreate(String id, Record record) {
    withConnection("create '" + id + "'", c -> {
      insert(c, id, record);
      return null;
    });
  }

  /** Inserts the batch with one prepared batch in one SQL transaction, after a duplicate check. */
  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    inSqlTransaction("create a batch of " + ids.size(), c -> {
      insertNew(c, ids, records);
      return null;
    });
  }

  /**
   * Inserts a batch whose ids are unique among themselves, inside the caller's SQL transaction:
   * every row, or none and a {@link DuplicateRecordException} naming the first id (in input
   * order) that is stored already. The primary key does the checking; the colliding id is only
   * looked up after a violation. Engines with another bulk path override this.
   */
  protected void insertNew(Connection c, List<String> ids, List<Record> records) throws SQLException {
    try {
      insertBatch(c, ids, records);
    } catch (SQLException e) {
      if (!isUniqueViolation(e) && !(e.getNextException() != null && isUniqueViolation(e.getNextException()))) {
        throw e;
      }
      // the primary key rejected a stored id: undo the batch, then name the first one in input order
      c.rollback();
      throw new DuplicateRecordException(firstStored(c, ids).orElse(ids.get(0)), e);
    }
  }

  /** Inserts rows known not to collide; engines with a faster bulk path override this. */
  protected void insertBatch(Connection c, List<String> ids, List<Record> records) throws SQLException {
    long now = System.currentTimeMillis();
    withStatement(c, insertSql(), ps -> {
      for (int i = 0; i < ids.size(); i++) {
        ps.setString(1, ids.get(i));
        int at = bindRecord(ps, 2, records.get(i), nextVersion());
        ps.setLong(at++, now);
        ps.setLong(at, now);
        ps.addBatch();
      }
      return ps.executeBatch();
    });
    insertedWithDefaults();
  }

  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    inSqlTransaction("upsert a batch of " + ids.size(), c -> {
      withStatement(c, upsertSql(), ps -> {
        for (int i = 0; i < ids.size(); i++) {
          bindUpsert(ps, ids.get(i), records.get(i));
          ps.addBatch();
        }
        return ps.executeBatch();
      });
      insertedWithDefaults();
      return null;
    });
  }

  @Override
  protected Optional<Record> doRead(String id) {
    return withReader("read '" + id + "'", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    Map<String, Record> found = new HashMap<>();
    List<String> wanted = new ArrayList<>();
    for (String id : ids) {
      if (io.dataknobs.core.internal.base.Ids.couldBeStored(id)) {
        wanted.add(id);
      }
    }
    withReader("read a batch of " + ids.size(), c -> {
      for (int from = 0; from < wanted.size(); from += IN_CHUNK) {
        List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + IN_CHUNK));
        try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN (" + marks(chunk.size()) + ")")) {
          bind(ps, new ArrayList<>(chunk), 1);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Record r = decode(rs);
              found.put(r.id(), r);
            }
          }
        }
      }
      return null;
    });
    List<Optional<Record>> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(Optional.ofNullable(id == null ? null : found.get(id)));
    }
    return out;
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    return withConnection("update '" + id + "'", c -> update(c, id, record, expectedVersion));
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    withConnection("upsert '" + id + "'", c -> {
      upsert(c, id, record, expectedVersion);
      return null;
    });
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    return withConnection("delete '" + id + "'", c -> delete(c, id, expectedVersion));
  }

  @Override
  protected Optional<String> doVersion(String id) {
    return withConnection("read the version of '" + id + "'", c -> versionOf(c, id));
  }

  @Override
  protected long doClear() {
    return withConnection("clear", c -> {
      try (Statement s = c.createStatement()) {
        return (long) s.executeUpdate("DELETE FROM " + table);
      }
    });
  }

  // ---- queries ---------------------------------------------------------------------------------

  private List<Record> select(String what, SqlFragment where, String orderBy, Integer limit, int offset) {
    return select(what, where, orderBy, limit, offset, null);
  }

  /**
   * @param inexact if not null, a condition on rows that SQL would order differently than the
   *     evaluator; it is checked over all matching rows in the same statement
   * @return the rows, or null if {@code inexact} holds for any matching row
   */
  private List<Record> select(String what, SqlFragment where, String orderBy, Integer limit, int offset, String inexact) {
    String sql = selectSql(where, orderBy, inexact) + dialect.limitOffset(limit, offset);
    return withReader(what, c -> {
      try (PreparedStatement ps = prepare(c, sql)) {
        bind(ps, where.params(), 1);
        List<Record> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (inexact != null && out.isEmpty() && rs.getInt(7) != 0) {
              return null;
            }
            out.add(decode(rs));
          }
        }
        return out;
      }
    });
  }

  private String selectSql(SqlFragment where, String orderBy, String inexact) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
    if (inexact != null) {
      // a window over every matching row, computed before ORDER BY and LIMIT: one scan, not two
      sql.append(", max(CASE WHEN ").append(inexact).append(" THEN 1 ELSE 0 END) OVER ()");
    }
    sql.append(" FROM ").append(table).append(" WHERE ").append(where.sql());
    if (orderBy != null) {
      sql.append(" ORDER BY ").append(orderBy);
    }
    return sql.toString();
  }

  /**
   * The ORDER BY of a sorted query and the condition on rows SQL would order differently.
   *
   * @param orderBy the ORDER BY terms
   * @param inexact the condition (checked by the same statement)
   */
  private record SortPlan(String orderBy, String inexact) {}

  /** @return how to sort {@code q} in SQL, or null if a sort path cannot be translated */
  private SortPlan sortPlan(Query q) {
    List<String> fields = new ArrayList<>();
    q.sorts().forEach(s -> fields.add(s.field()));
    Optional<String> orderBy = translator.orderBy(q.sorts());
    Optional<String> inexact = translator.inexactOrdering(fields);
    return orderBy.isEmpty() || inexact.isEmpty() ? null : new SortPlan(orderBy.get(), inexact.get());
  }

  @Override
  protected List<Record> doSearch(Query query) {
    SqlTranslator.Where w = translator.where(query.condition());
    if (w.complete() && query.sorts().isEmpty()) {
      return QueryEvaluator.page(query.withoutPaging(), select("search", w.sql(), null, query.limit(), query.offset()), false);
    }
    SortPlan plan = w.complete() ? sortPlan(query) : null;
    if (plan != null) {
      List<Record> sorted = select("search", w.sql(), plan.orderBy(), query.limit(), query.offset(), plan.inexact());
      if (sorted != null) {
        return QueryEvaluator.page(query.withoutPaging(), sorted, false);
      }
    }
    List<Record> candidates = select("search", w.sql(), null, null, 0);
    return QueryEvaluator.apply(query, candidates);
  }

  @Override
  protected long doCount(Query query) {
    SqlTranslator.Where w = translator.where(query.condition());
    if (!w.complete()) {
      return QueryEvaluator.count(query, select("count", w.sql(), null, null, 0));
    }
    return withReader("count", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT count(*) FROM " + table + " WHERE " + w.sql().sql())) {
        bind(ps, w.sql().params(), 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  protected List<Record> doAggregate(Query query, List<Aggregation> aggregations) {
    SqlTranslator.Where w = translator.where(query.condition());
    List<JsonPath> groups = new ArrayList<>();
    for (String g : query.groupBy()) {
      groups.add(JsonPath.of(g));
    }
    List<JsonPath> fields = new ArrayList<>();
    for (Aggregation a : aggregations) {
      fields.add(a.field() == null ? null : JsonPath.of(a.field()));
    }
    boolean translatable = w.complete() && !groups.contains(null)
        && fields.stream().allMatch(p -> p == null || !p.isId());
    for (int i = 0; i < aggregations.size(); i++) {
      translatable &= aggregations.get(i).field() == null || fields.get(i) != null;
    }
    if (!translatable) {
      return super.doAggregate(query, aggregations);
    }
    List<Record> out;
    try {
      out = new SqlAggregation(dialect, table, groups, aggregations, fields).run(this, w.sql(), query);
    } catch (io.dataknobs.api.QueryException e) {
      // the engine cannot compute it as written (SQLite's integer sum overflows): the reference answers (rule 30)
      LOG.debug("aggregation falls back to the reference evaluator: {}", e.getMessage());
      out = null;
    }
    return out != null ? out : super.doAggregate(query, aggregations);
  }

  /** Runs an aggregation statement (for {@link SqlAggregation}). */
  List<Object[]> rows(String what, String sql, List<Object> params, int columns) {
    return withReader(what, c -> {
      try (PreparedStatement ps = prepare(c, sql)) {
        bind(ps, params, 1);
        List<Object[]> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
              row[i] = rs.getObject(i + 1);
            }
            out.add(row);
          }
        }
        return out;
      }
    });
  }

  /**
   * Unsorted queries stream by keyset over insertion order: each page is one short statement
   * ({@code WHERE … AND rowid > last ORDER BY rowid LIMIT page}), so memory stays at one page and
   * nothing is held between pages. Sorted queries page by offset.
   */
  @Override
  protected Stream<Record> doStreamRead(Query query, StreamConfig config) {
    if (!query.sorts().isEmpty() || pool != null) {
      // a pooled server streams every query through a cursor; embedded engines page unsorted ones
      Stream<Record> cursor = readers == null && pool == null ? null : cursorStream(query, config);
      if (cursor != null) {
        return cursor;
      }
      if (!query.sorts().isEmpty()) {
        return super.doStreamRead(query, config);
      }
    }
    SqlTranslator.Where w = translator.where(query.condition());
    Predicate<Record> residual = w.complete() ? r -> true : QueryEvaluator.compile(w.residual());
    int page = Math.max(1, config.bufferSize());
    Iterator<Record> it = new Iterator<>() {
      long last = Long.MIN_VALUE;
      List<Record> buffer = List.of();
      int pos;
      boolean exhausted;
      long skip = query.offset();
      long remaining = query.limit() == null ? Long.MAX_VALUE : query.limit();

      @Override
      public boolean hasNext() {
        while (remaining > 0) {
          while (pos < buffer.size()) {
            Record r = buffer.get(pos);
            if (residual.test(r)) {
              if (skip > 0) {
                skip--;
                pos++;
                continue;
              }
              return true;
            }
            pos++;
          }
          if (exhausted) {
            return false;
          }
          fetch();
        }
        return false;
      }

      private void fetch() {
        String sql = "SELECT " + COLUMNS + ", " + dialect.insertionOrder() + " FROM " + table + " WHERE (" + w.sql().sql() + ") AND "
            + dialect.insertionOrder() + " > ? ORDER BY " + dialect.insertionOrder() + " LIMIT " + page;
        List<Record> rows = new ArrayList<>(page);
        long[] lastSeen = {last};
        withReader("stream", c -> {
          try (PreparedStatement ps = prepare(c, sql)) {
            bind(ps, w.sql().params(), 1);
            ps.setLong(w.sql().params().size() + 1, last);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(decode(rs));
                lastSeen[0] = rs.getLong(7);
              }
            }
          }
          return null;
        });
        last = lastSeen[0];
        buffer = rows;
        pos = 0;
        exhausted = rows.size() < page;
      }

      @Override
      public Record next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        remaining--;
        Record r = buffer.get(pos++);
        return query.select() == null ? r : r.project(query.select());
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * A sorted query the engine can order exactly (or, on a pool, any query SQL filters
   * completely, in insertion order) streams through one cursor on a read connection held until
   * the stream is closed, fetching {@code bufferSize} rows at a time.
   *
   * @return the stream, or null when the query needs in-memory evaluation
   */
  private Stream<Record> cursorStream(Query query, StreamConfig config) {
    SqlTranslator.Where w = translator.where(query.condition());
    if (!w.complete()) {
      return null;
    }
    SortPlan plan = query.sorts().isEmpty() ? new SortPlan(dialect.insertionOrder(), null) : sortPlan(query);
    if (plan == null) {
      return null;
    }
    String sql = selectSql(w.sql(), plan.orderBy(), plan.inexact()) + dialect.limitOffset(query.limit(), query.offset());
    Connection c;
    PreparedStatement ps = null;
    ResultSet rs;
    boolean first;
    try {
      c = borrowReader();
      try {
        if (dialect.cursorNeedsTransaction()) {
          c.setAutoCommit(false);
        }
        ps = c.prepareStatement(sql);
        ps.setFetchSize(Math.max(1, config.bufferSize()));
        bind(ps, w.sql().params(), 1);
        rs = ps.executeQuery();
        first = rs.next();
        if (first && plan.inexact() != null && rs.getInt(7) != 0) {
          // SQL would not order these rows as the evaluator does: let the caller page in memory
          rs.close();
          ps.close();
          endCursor(c);
          returnReader(c);
          return null;
        }
      } catch (SQLException | RuntimeException e) {
        if (ps != null) {
          ps.close();
        }
        discardReader(c);
        throw e;
      }
    } catch (SQLException e) {
      throw error("stream", e);
    }
    boolean firstRow = first;
    PreparedStatement statement = ps;
    Connection connection = c;
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        try {
          rs.close();
          statement.close();
          endCursor(connection);
          returnReader(connection);
        } catch (SQLException e) {
          discardReader(connection);
        }
      }
    };
    Iterator<Record> it = new Iterator<>() {
      Record next;
      boolean done;
      boolean positioned = firstRow;
      boolean started;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (done) {
          return false;
        }
        try {
          ensureOpen();
          boolean row = started ? rs.next() : positioned;
          started = true;
          if (row) {
            Record r = decode(rs);
            next = query.select() == null ? r : r.project(query.select());
            return true;
          }
        } catch (SQLException e) {
          release.run();
          throw error("stream", e);
        }
        done = true;
        release.run();
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
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(release);
  }

  private void endCursor(Connection c) throws SQLException {
    if (dialect.cursorNeedsTransaction()) {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  // ---- transactions ------------------------------------------------------------------------------

  @Override
  protected Transaction doBeginTransaction(TransactionPolicy policy) {
    return new BufferedTransaction(this, policy, new BufferedTransaction.Committer() {
      @Override
      public void commit(List<WriteOp> ops) {
        inSqlTransaction("commit a transaction of " + ops.size() + " writes", c -> {
          for (WriteOp op : ops) {
            apply(c, op);
          }
          return null;
        });
      }

      @Override
      public boolean atomic() {
        return true;
      }
    });
  }

  private void apply(Connection c, WriteOp op) throws SQLException {
    String id = op.id();
    switch (op.kind()) {
      case CREATE:
        insert(c, id, op.record());
        break;
      case UPDATE:
        if (!update(c, id, op.record(), op.expectedVersion())) {
          throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
        }
        break;
      case UPSERT:
        upsert(c, id, op.record(), op.expectedVersion());
        break;
      case DELETE:
        delete(c, id, op.expectedVersion());
        break;
      default:
        try (Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM " + table);
        }
    }
  }

  @Override
  protected void doClose() {
    if (pool != null) {
      try {
        poolRelease.close();
      } catch (Exception e) {
        throw new BackendUnavailableException(dialect.name() + " failed to release its pool: " + e.getMessage(), e);
      }
      return;
    }
    lock.lock();
    try {
      for (Connection r; (r = idleReaders.poll()) != null; ) {
        try {
          r.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      connection.close();
    } catch (SQLException e) {
      throw error("close", e);
    } finally {
      lock.unlock();
    }
  }

  /** @return the common capabilities of the SQL backends */
  protected static Set<Capability> sqlCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN,
        Capability.AGGREGATION_PUSHDOWN, Capability.BULK_WRITE);
  }

  /** @return the plan the engine chooses for {@code query}'s filter (for index checks) */
  public List<String> explain(Query query) {
    SqlTranslator.Where w = translator.where(query.condition());
    return withReader("explain", c -> {
      try (PreparedStatement ps = prepare(c, dialect.explain() + " SELECT " + COLUMNS + " FROM " + table + " WHERE " + w.sql().sql())) {
        bind(ps, w.sql().params(), 1);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              sb.append(rs.getString(i)).append(' ');
            }
            out.add(sb.toString().trim());
          }
        }
        return out;
      }
    });
  }
}

package io.dataknobs.core.sql;

import io.dataknobs.api.Capability;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.ReadOnlyDatabaseException;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.internal.base.Ids;
import io.dataknobs.core.tx.BufferedTransaction;
import io.dataknobs.core.tx.WriteOp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A backend over one SQL table, assembled from the JDBC kit's parts: the engine's
 * {@link SqlDialect}, a {@link ConnectionSource} ({@link EmbeddedConnections} or
 * {@link PooledConnections}) with its {@link StatementCache}, the {@link TableLayout}, the
 * {@link RowCodec} and the engine's {@link BulkWriter}. An engine subclasses it only to name
 * itself and its capabilities; what differs between engines lives in the dialect and the writer.
 *
 * <p>Batches run in one SQL transaction (or none when the writer's batch is atomic by itself),
 * so {@code createBatch} is all-or-nothing and names the colliding id. Transactions buffer their
 * writes and apply them in one SQL transaction at commit (atomic; conflicts with outside writes
 * fail the commit). Queries push down whatever the shared translator can express exactly and
 * evaluate the rest with the reference evaluator. Driver failures become the exceptions the
 * dialect {@linkplain SqlDialect#classify classifies} them as, the driver's exception their
 * cause.
 *
 * @since core.sql 2.0 (assembled from parts; 1.x held them all)
 */
public abstract class JdbcDatabase extends AbstractDatabase implements io.dataknobs.core.pool.Pooled {
  private final SqlTable table;
  private final SqlAccess access;
  private final BulkWriter writer;
  private final RowStatements rows;
  private final SqlQueries queries;
  private final SqlStreams streams;
  private final boolean readOnly;

  /**
   * @param dialect the engine's dialect
   * @param tableName the validated table name (see {@link TableNames})
   * @param connections where connections come from (owned: closed with the database)
   * @param readOnly whether every write is to be rejected
   * @param writer makes the engine's bulk writer for the table ({@code PreparedBatchWriter::new}
   *     when the engine has no faster path)
   */
  protected JdbcDatabase(SqlDialect dialect, String tableName, ConnectionSource connections, boolean readOnly,
      Function<SqlTable, BulkWriter> writer) {
    this(dialect, tableName, connections, readOnly, writer, FieldColumns.NONE);
  }

  /**
   * @param dialect the engine's dialect
   * @param tableName the validated table name (see {@link TableNames})
   * @param connections where connections come from (owned: closed with the database)
   * @param readOnly whether every write is to be rejected
   * @param writer makes the engine's bulk writer for the table
   * @param fields the typed columns kept for top-level fields, which writes fill and queries read
   */
  protected JdbcDatabase(SqlDialect dialect, String tableName, ConnectionSource connections, boolean readOnly,
      Function<SqlTable, BulkWriter> writer, FieldColumns fields) {
    this.table = new SqlTable(dialect, new TableLayout(dialect, tableName, fields), new RowCodec(fields), connections);
    this.access = new SqlAccess(table, this::ensureOpen);
    this.writer = writer.apply(table);
    this.rows = new RowStatements(table, this.writer);
    this.queries = new SqlQueries(access, table);
    this.streams = new SqlStreams(access, table, queries);
    this.readOnly = readOnly;
  }

  /** @return the parts this database is made of */
  protected final SqlTable table() {
    return table;
  }

  /**
   * Opens the table: a read-only database checks that it exists, a writable one creates it and
   * the expression indexes of {@code indexedFields} if missing. Subclasses call it last in their
   * constructor.
   *
   * @param indexedFields the {@code indexes} configuration key
   * @throws ConfigurationException naming {@code table} or {@code indexes}
   */
  protected final void openTable(List<String> indexedFields) {
    access.openTable(readOnly, indexedFields);
  }

  @Override
  protected void ensureWritable() {
    if (readOnly) {
      throw new ReadOnlyDatabaseException(table.dialect().name() + " table '" + table.layout().name()
          + "' was opened read-only (read_only: true); nothing was written");
    }
  }

  // ---- connections and failures ------------------------------------------------------------------

  /**
   * Runs {@code work} as a write (the embedded engine's one writer, or a pooled connection).
   *
   * @param what the operation, for the error message (see {@link #error})
   * @param work the work
   * @param <T> its result
   * @return what the work returned
   */
  protected final <T> T withConnection(String what, SqlWork<T> work) {
    return access.write(what, work);
  }

  /**
   * Runs read-only {@code work} on a read connection, concurrently with writes where the engine
   * allows it.
   *
   * @param what the operation, for the error message
   * @param work the work
   * @param <T> its result
   * @return what the work returned
   */
  protected final <T> T withReader(String what, SqlWork<T> work) {
    return access.read(what, work);
  }

  /**
   * Runs {@code work} in one SQL transaction on the write connection, rolling back on any failure.
   *
   * @param what the operation, for the error message
   * @param work the work
   * @param <T> its result
   * @return what the work returned
   */
  protected final <T> T inSqlTransaction(String what, SqlWork<T> work) {
    return access.inTransaction(what, work);
  }

  /**
   * The typed exception for a failed statement, as the dialect {@linkplain SqlDialect#classify
   * classifies} it: transient failures are {@code BackendUnavailableException}, bad input a
   * {@code RecordValidationException} (when {@code what} writes) or {@code QueryException}, the
   * rest {@code BackendFailureException}. The driver exception is the cause.
   *
   * @param what the operation, as "create 'id'", "read a batch of 3", "count": a leading
   *     create, update, upsert, delete, commit, write or clear marks a write
   * @param e the driver's exception
   * @return the exception to throw
   */
  protected final DataknobsException error(String what, SQLException e) {
    return access.error(what, e);
  }

  // ---- writes --------------------------------------------------------------------------------------

  @Override
  protected void doCreate(String id, Record record) {
    access.writing("create '" + id + "'", List.of(record), false, c -> {
      rows.insert(c, id, record);
      return null;
    });
  }

  /**
   * Writes the batch with the engine's bulk writer in one SQL transaction (none when the writer's
   * batch of this size is atomic by itself); the primary key rejects a stored id, and only then
   * is the first stored id (in input order) looked up and named.
   */
  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    String what = "create a batch of " + ids.size();
    boolean atomic = writer.atomicWithoutTransaction(ids.size());
    access.writing(what, records, !atomic, c -> insertNew(c, ids, records, c.getAutoCommit()));
  }

  private Void insertNew(Connection c, List<String> ids, List<Record> records, boolean autoCommit) throws SQLException {
    try {
      writer.insert(c, ids, records);
      return null;
    } catch (SQLException e) {
      if (!table.uniqueViolation(e)) {
        throw e;
      }
      if (!autoCommit) {
        c.rollback();
      }
      throw new DuplicateRecordException(rows.firstStored(c, ids).orElse(ids.get(0)), e);
    }
  }

  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    access.writing("upsert a batch of " + ids.size(), records, true, c -> {
      writer.upsert(c, ids, records);
      return null;
    });
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    return access.writing("update '" + id + "'", List.of(record), false, c -> rows.update(c, id, record, expectedVersion));
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    access.writing("upsert '" + id + "'", List.of(record), false, c -> {
      rows.upsert(c, id, record, expectedVersion);
      return null;
    });
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    return withConnection("delete '" + id + "'", c -> rows.delete(c, id, expectedVersion));
  }

  /** Counts and removes every row in one transaction, as the dialect clears a table. */
  @Override
  protected long doClear() {
    SqlDialect d = table.dialect();
    TableLayout layout = table.layout();
    return inSqlTransaction("clear", c -> {
      try (Statement s = c.createStatement()) {
        String lock = d.lockForClear(layout.quoted());
        if (lock != null) {
          s.execute(lock);
        }
        long n;
        try (ResultSet rs = s.executeQuery(layout.countAll())) {
          rs.next();
          n = rs.getLong(1);
        }
        for (String sql : d.clear(layout)) {
          s.execute(sql);
        }
        table.connections().statements().invalidate(); // a dialect may clear by replacing the table
        return n;
      }
    });
  }

  // ---- reads ---------------------------------------------------------------------------------------

  @Override
  protected Optional<Record> doRead(String id) {
    return read("read '" + id + "'", List.of(id)).stream().findFirst();
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    List<String> wanted = new ArrayList<>();
    for (String id : ids) {
      if (Ids.couldBeStored(id)) {
        wanted.add(id);
      }
    }
    Map<String, Record> found = new HashMap<>();
    read("read a batch of " + ids.size(), wanted).forEach(r -> found.put(r.id(), r));
    List<Optional<Record>> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(Optional.ofNullable(id == null ? null : found.get(id)));
    }
    return out;
  }

  /** @return the stored records of {@code ids}, read on one view of the typed columns */
  private List<Record> read(String what, List<String> ids) {
    return queries.consistent(r -> access.read(what, c -> rows.read(c, ids, r.view())));
  }

  @Override
  protected Optional<String> doVersion(String id) {
    return withConnection("read the version of '" + id + "'", c -> rows.versionOf(c, id));
  }

  @Override
  protected List<Record> doSearch(Query query) {
    return queries.search(query);
  }

  @Override
  protected long doCount(Query query) {
    return queries.count(query);
  }

  @Override
  protected List<Record> doAggregate(Query query, List<Aggregation> aggregations) {
    List<Record> out = queries.aggregate(query, aggregations);
    return out != null ? out : super.doAggregate(query, aggregations);
  }

  /** Streams as {@link SqlStreams} chooses; a sorted query SQL cannot order exactly is sorted in memory. */
  @Override
  protected Stream<Record> doStreamRead(Query query, StreamConfig config) {
    Stream<Record> s = streams.open(query, config.bufferSize());
    return s != null ? s : super.doStreamRead(query, config);
  }

  /**
   * @param query a query
   * @return the plan the engine chooses for the query's filter and limit, one line per row (for
   *     index checks)
   */
  public List<String> explain(Query query) {
    return queries.explain(query);
  }

  // ---- transactions and closing --------------------------------------------------------------------

  @Override
  protected Transaction doBeginTransaction(TransactionPolicy policy) {
    return new BufferedTransaction(this, policy, new BufferedTransaction.Committer() {
      @Override
      public void commit(List<WriteOp> ops) {
        List<Record> written = new ArrayList<>();
        for (WriteOp op : ops) {
          if (op.record() != null) {
            written.add(op.record());
          }
        }
        access.writing("commit a transaction of " + ops.size() + " writes", written, true, c -> {
          for (WriteOp op : ops) {
            rows.apply(c, op);
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

  /** {@inheritDoc} The pools of its {@link ConnectionSource} (embedded read connections); engines with a shared pool override. */
  @Override
  public List<io.dataknobs.core.pool.PoolInfo> pools() {
    return table.connections() instanceof io.dataknobs.core.pool.Pooled p ? p.pools() : List.of();
  }

  @Override
  protected void doClose() {
    try {
      table.connections().close();
    } catch (SQLException e) {
      throw error("close", e);
    }
  }

  /** @return the common capabilities of the SQL backends */
  protected static Set<Capability> sqlCapabilities() {
    return Set.of(Capability.TRANSACTIONS, Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN,
        Capability.AGGREGATION_PUSHDOWN, Capability.BULK_WRITE);
  }
}

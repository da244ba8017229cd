package io.dataknobs.core.base;

import io.dataknobs.core.internal.base.Ids;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Record;
import io.dataknobs.api.RecordValidationException;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.UnsupportedCapabilityException;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.internal.async.LazyAsync;
import io.dataknobs.core.query.Aggregator;
import io.dataknobs.core.stream.PagingStreams;
import io.dataknobs.core.stream.StreamWriter;
import io.dataknobs.core.tx.BufferedTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A base for backends: checks arguments and the closed state, chooses ids (rule 1), and
 * supplies every derived operation from a few primitives. A backend implements the
 * {@code do…} primitives and overrides the derived ones its engine does better (batches,
 * counting, aggregation, streaming, transactions). Records handed to primitives already
 * carry no id concerns: the id is a separate argument.
 */
public abstract class AbstractDatabase implements Database {
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LazyAsync async = new LazyAsync(this);

  /** Stores a new record under {@code id}; throws {@link DuplicateRecordException} if taken. */
  protected abstract void doCreate(String id, Record record);

  /** @return the record under {@code id} carrying its id, or empty */
  protected abstract Optional<Record> doRead(String id);

  /**
   * Replaces the record under {@code id} if present and, when {@code expectedVersion} is not
   * null, only if its version matches (else throws {@link io.dataknobs.api.ConcurrencyException}).
   *
   * @return false if absent
   */
  protected abstract boolean doUpdate(String id, Record record, String expectedVersion);

  /**
   * Inserts or replaces; with a non-null {@code expectedVersion}, only replaces a present
   * record whose version matches (else throws {@link io.dataknobs.api.ConcurrencyException}).
   */
  protected abstract void doUpsert(String id, Record record, String expectedVersion);

  /**
   * Removes the record; with a non-null {@code expectedVersion} only if it matches.
   *
   * @return false if absent
   */
  protected abstract boolean doDelete(String id, String expectedVersion);

  /** @return the version token of {@code id}, or empty */
  protected abstract Optional<String> doVersion(String id);

  /** Runs a query completely (filter, sort, offset, limit, projection), ids set. */
  protected abstract List<Record> doSearch(Query query);

  /** Removes everything. @return how many records were removed */
  protected abstract long doClear();

  /** Releases resources; called once. */
  protected abstract void doClose();

  /**
   * Begins a native transaction. Called only for backends with {@link Capability#TRANSACTIONS}.
   */
  protected Transaction doBeginTransaction(TransactionPolicy policy) {
    throw new UnsupportedCapabilityException(Capability.TRANSACTIONS, backendName() + " has no native transactions");
  }

  /** @throws IllegalStateException if closed */
  protected void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("database '" + backendName() + "' is closed");
    }
  }

  /**
   * Called before every write (create, update, upsert, delete, clear, streamWrite, transactions);
   * a read-only backend throws {@link io.dataknobs.api.ReadOnlyDatabaseException} here.
   */
  protected void ensureWritable() {}

  private void ensureWritableOpen() {
    ensureOpen();
    ensureWritable();
  }

  private static Record nonNull(Record r) {
    if (r == null) {
      throw new RecordValidationException("record", "record must not be null");
    }
    return r;
  }

  @Override
  public String create(Record record) {
    ensureWritableOpen();
    String id = Ids.choose(nonNull(record));
    doCreate(id, record);
    return id;
  }

  @Override
  public List<String> createBatch(List<Record> records) {
    ensureWritableOpen();
    List<String> ids = chooseUniqueIds(records);
    if (!records.isEmpty()) {
      doCreateBatch(ids, records);
    }
    return ids;
  }

  /**
   * @return the ids of a create batch, in order
   * @throws DuplicateRecordException for an id repeated inside the batch
   */
  protected static List<String> chooseUniqueIds(List<Record> records) {
    Objects.requireNonNull(records, "records");
    List<String> ids = new ArrayList<>(records.size());
    // sized for the batch: growing it cost a tenth of the Java time of a 500-record batch
    Set<String> seen = new HashSet<>(records.size() * 4 / 3 + 1);
    for (Record r : records) {
      String id = Ids.choose(nonNull(r));
      if (!seen.add(id)) {
        throw new DuplicateRecordException(id);
      }
      ids.add(id);
    }
    return ids;
  }

  /**
   * Creates all or none (ids unique within the batch already). The default runs in a native
   * transaction when there is one, and otherwise compensates: it deletes what it created
   * before rethrowing.
   */
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    if (capabilities().contains(Capability.TRANSACTIONS)) {
      try (Transaction tx = doBeginTransaction(TransactionPolicy.STRICT)) {
        for (int i = 0; i < ids.size(); i++) {
          tx.create(records.get(i).withId(ids.get(i)));
        }
        tx.commit();
      }
      return;
    }
    List<String> done = new ArrayList<>();
    try {
      for (int i = 0; i < ids.size(); i++) {
        doCreate(ids.get(i), records.get(i));
        done.add(ids.get(i));
      }
    } catch (RuntimeException e) {
      for (String id : done) {
        doDelete(id, null);
      }
      throw e;
    }
  }

  @Override
  public Optional<Record> read(String id) {
    ensureOpen();
    return !Ids.couldBeStored(id) ? Optional.empty() : doRead(id);
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    List<Optional<Record>> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(!Ids.couldBeStored(id) ? Optional.empty() : doRead(id));
    }
    return out;
  }

  @Override
  public boolean update(String id, Record record) {
    ensureWritableOpen();
    return Ids.couldBeStored(id) && doUpdate(id, nonNull(record), null);
  }

  @Override
  public boolean update(String id, Record record, String expectedVersion) {
    ensureWritableOpen();
    return Ids.couldBeStored(id) && doUpdate(id, nonNull(record), Objects.requireNonNull(expectedVersion, "expectedVersion"));
  }

  @Override
  public List<Boolean> updateBatch(List<Record> records) {
    ensureWritableOpen();
    List<Boolean> out = new ArrayList<>(records.size());
    for (Record r : records) {
      if (nonNull(r).id() == null) {
        throw new RecordValidationException("id", "updateBatch needs every record to carry its id");
      }
    }
    for (Record r : records) {
      out.add(Ids.couldBeStored(r.id()) && doUpdate(r.id(), r, null));
    }
    return out;
  }

  @Override
  public List<Boolean> updateBatch(Map<String, Record> updates) {
    ensureWritableOpen();
    List<Boolean> out = new ArrayList<>(updates.size());
    for (Map.Entry<String, Record> e : updates.entrySet()) {
      out.add(Ids.couldBeStored(e.getKey()) && doUpdate(e.getKey(), nonNull(e.getValue()), null));
    }
    return out;
  }

  @Override
  public String upsert(String id, Record record) {
    ensureWritableOpen();
    Ids.check(id);
    doUpsert(id, nonNull(record), null);
    return id;
  }

  @Override
  public String upsert(Record record) {
    ensureWritableOpen();
    String id = Ids.choose(nonNull(record));
    doUpsert(id, record, null);
    return id;
  }

  @Override
  public String upsert(String id, Record record, String expectedVersion) {
    ensureWritableOpen();
    Ids.check(id);
    doUpsert(id, nonNull(record), Objects.requireNonNull(expectedVersion, "expectedVersion"));
    return id;
  }

  /**
   * The failure of an all-or-nothing batch (rule 3) that the engine stopped half-way and whose
   * undo could not finish: transient, and naming exactly the ids that may remain stored.
   *
   * @param what the operation and where, as "createBatch of 3,000 records in index 'x'"
   * @param mayRemain ids whose write may have landed and was not (or could not be) undone
   * @param cause the failure that stopped the batch
   * @return the exception to throw
   * @since core.base 1.1
   */
  protected static BackendUnavailableException incompleteBatch(String what, java.util.Collection<String> mayRemain, RuntimeException cause) {
    List<String> ids = new ArrayList<>(new java.util.TreeSet<>(mayRemain));
    return new BackendUnavailableException(what + " failed (" + cause.getMessage() + ") and could not remove all it wrote: "
        + ids.size() + " of its ids may remain stored, all others do not: " + ids, cause);
  }

  @Override
  public List<String> upsertBatch(List<Record> records) {
    ensureWritableOpen();
    List<String> ids = new ArrayList<>(records.size());
    for (Record r : records) {
      ids.add(Ids.choose(nonNull(r)));
    }
    if (!records.isEmpty()) {
      lastOfEachId(ids, records, this::doUpsertBatch);
    }
    return ids;
  }

  /**
   * Hands {@code write} the batch with a repeated id kept once, at its last occurrence (the one
   * that wins), so an engine never sees one key twice in one statement (PostgreSQL and DuckDB
   * refuse {@code ON CONFLICT} updating a row twice).
   */
  private static void lastOfEachId(List<String> ids, List<Record> records, java.util.function.BiConsumer<List<String>, List<Record>> write) {
    java.util.Map<String, Integer> last = new java.util.HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      last.put(ids.get(i), i);
    }
    if (last.size() == ids.size()) {
      write.accept(ids, records);
      return;
    }
    List<String> keptIds = new ArrayList<>(last.size());
    List<Record> kept = new ArrayList<>(last.size());
    for (int i = 0; i < ids.size(); i++) {
      if (last.get(ids.get(i)) == i) {
        keptIds.add(ids.get(i));
        kept.add(records.get(i));
      }
    }
    write.accept(keptIds, kept);
  }

  /**
   * Upserts a batch whose ids are distinct (a repeated id reaches it once, its last occurrence);
   * the default loops.
   */
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    for (int i = 0; i < ids.size(); i++) {
      doUpsert(ids.get(i), records.get(i), null);
    }
  }

  @Override
  public boolean delete(String id) {
    ensureWritableOpen();
    return Ids.couldBeStored(id) && doDelete(id, null);
  }

  @Override
  public boolean delete(String id, String expectedVersion) {
    ensureWritableOpen();
    return Ids.couldBeStored(id) && doDelete(id, Objects.requireNonNull(expectedVersion, "expectedVersion"));
  }

  @Override
  public List<Boolean> deleteBatch(List<String> ids) {
    ensureWritableOpen();
    List<Boolean> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(Ids.couldBeStored(id) && doDelete(id, null));
    }
    return out;
  }

  @Override
  public boolean exists(String id) {
    ensureOpen();
    return Ids.couldBeStored(id) && doRead(id).isPresent();
  }

  @Override
  public Optional<String> version(String id) {
    ensureOpen();
    return !Ids.couldBeStored(id) ? Optional.empty() : doVersion(id);
  }

  @Override
  public List<Record> search(Query query) {
    ensureOpen();
    return doSearch(Objects.requireNonNull(query, "query"));
  }

  @Override
  public long count(Query query) {
    ensureOpen();
    return doCount(Objects.requireNonNull(query, "query"));
  }

  /** Counts matches; the default searches without paging, sort and projection. */
  protected long doCount(Query query) {
    return doSearch(query.withoutPaging().withoutSort().withoutSelect()).size();
  }

  @Override
  public List<Record> aggregate(Query query, Aggregation... aggregations) {
    ensureOpen();
    Objects.requireNonNull(query, "query");
    return doAggregate(query, List.of(aggregations));
  }

  /** Aggregates; the default evaluates in memory over the matching records. */
  protected List<Record> doAggregate(Query query, List<Aggregation> aggregations) {
    Query filterOnly = query.withoutPaging().withoutSort().withoutSelect();
    return Aggregator.aggregate(query, aggregations, doSearch(filterOnly));
  }

  @Override
  public Stream<Record> streamRead(Query query, StreamConfig config) {
    ensureOpen();
    return doStreamRead(Objects.requireNonNull(query, "query"), Objects.requireNonNull(config, "config"));
  }

  /** Streams; the default pages through {@link #doSearch} with offset and limit. */
  protected Stream<Record> doStreamRead(Query query, StreamConfig config) {
    return PagingStreams.paged(q -> {
      ensureOpen();
      return doSearch(q);
    }, query, config);
  }

  @Override
  public StreamResult streamWrite(Stream<Record> records, StreamConfig config) {
    ensureWritableOpen();
    try (Stream<Record> s = records) {
      return StreamWriter.write(this, s.iterator(), config);
    }
  }

  @Override
  public StreamResult streamWrite(Iterable<Record> records, StreamConfig config) {
    ensureWritableOpen();
    return StreamWriter.write(this, records.iterator(), config);
  }

  @Override
  public Transaction beginTransaction(TransactionPolicy policy) {
    ensureWritableOpen();
    Objects.requireNonNull(policy, "policy");
    if (capabilities().contains(Capability.TRANSACTIONS)) {
      return doBeginTransaction(policy);
    }
    if (policy == TransactionPolicy.STRICT) {
      throw new UnsupportedCapabilityException(Capability.TRANSACTIONS, "backend '" + backendName()
          + "' has no native transactions; use beginTransaction(TransactionPolicy.EMULATE) for buffered,"
          + " non-atomic transactions");
    }
    return new BufferedTransaction(this, policy, BufferedTransaction.sequentialCommit(this));
  }

  @Override
  public long clear() {
    ensureWritableOpen();
    return doClear();
  }

  @Override
  public AsyncDatabase async() {
    ensureOpen();
    return async.get();
  }

  /**
   * {@inheritDoc} The API's probe; a database that is {@link io.dataknobs.core.pool.Pooled} adds
   * its pool state to the details.
   */
  @Override
  public io.dataknobs.api.Health health(java.time.Duration timeout) {
    io.dataknobs.api.Health h = Database.super.health(timeout);
    return this instanceof io.dataknobs.core.pool.Pooled p ? h.withDetails(io.dataknobs.core.pool.Pooled.details(p.pools())) : h;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      doClose();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + backendName() + (isClosed() ? ", closed" : "") + "}";
  }
}

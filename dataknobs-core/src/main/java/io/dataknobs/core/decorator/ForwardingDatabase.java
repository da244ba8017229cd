package io.dataknobs.core.decorator;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.internal.async.LazyAsync;
import io.dataknobs.core.stream.StreamWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A database that passes every call to another one: the base of the decorators. Stream writes
 * are split into batches by {@link StreamWriter} and each batch goes through this database's
 * own {@link #createBatch} or {@link #upsertBatch}, so a decorator sees (and guards, caches or
 * measures) one call per batch. The async view runs on this database, so async calls pass
 * through the decorator too.
 */
public class ForwardingDatabase implements Database {
  private final Database delegate;
  private final LazyAsync async = new LazyAsync(this);

  /** @param delegate the database every call goes to (closed with this one) */
  protected ForwardingDatabase(Database delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** @return the wrapped database */
  public Database delegate() {
    return delegate;
  }

  /** Throws the closed-database error without reaching the delegate (for answers served here). */
  protected void ensureOpen() {
    if (delegate.isClosed()) {
      throw new IllegalStateException(delegate.backendName() + " database is closed");
    }
  }

  @Override
  public String create(Record record) {
    return delegate.create(record);
  }

  @Override
  public List<String> createBatch(List<Record> records) {
    return delegate.createBatch(records);
  }

  @Override
  public Optional<Record> read(String id) {
    return delegate.read(id);
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    return delegate.readBatch(ids);
  }

  @Override
  public boolean update(String id, Record record) {
    return delegate.update(id, record);
  }

  @Override
  public boolean update(String id, Record record, String expectedVersion) {
    return delegate.update(id, record, expectedVersion);
  }

  @Override
  public List<Boolean> updateBatch(List<Record> records) {
    return delegate.updateBatch(records);
  }

  @Override
  public List<Boolean> updateBatch(Map<String, Record> updates) {
    return delegate.updateBatch(updates);
  }

  @Override
  public String upsert(String id, Record record) {
    return delegate.upsert(id, record);
  }

  @Override
  public String upsert(Record record) {
    return delegate.upsert(record);
  }

  @Override
  public String upsert(String id, Record record, String expectedVersion) {
    return delegate.upsert(id, record, expectedVersion);
  }

  @Override
  public List<String> upsertBatch(List<Record> records) {
    return delegate.upsertBatch(records);
  }

  @Override
  public boolean delete(String id) {
    return delegate.delete(id);
  }

  @Override
  public boolean delete(String id, String expectedVersion) {
    return delegate.delete(id, expectedVersion);
  }

  @Override
  public List<Boolean> deleteBatch(List<String> ids) {
    return delegate.deleteBatch(ids);
  }

  @Override
  public boolean exists(String id) {
    return delegate.exists(id);
  }

  @Override
  public Optional<String> version(String id) {
    return delegate.version(id);
  }

  @Override
  public List<Record> search(Query query) {
    return delegate.search(query);
  }

  @Override
  public long count(Query query) {
    return delegate.count(query);
  }

  @Override
  public List<Record> aggregate(Query query, Aggregation... aggregations) {
    return delegate.aggregate(query, aggregations);
  }

  @Override
  public Stream<Record> streamRead(Query query, StreamConfig config) {
    return delegate.streamRead(query, config);
  }

  @Override
  public StreamResult streamWrite(Stream<Record> records, StreamConfig config) {
    checkStreamWritable(config);
    try (Stream<Record> s = records) {
      return StreamWriter.write(this, s.iterator(), config);
    }
  }

  @Override
  public StreamResult streamWrite(Iterable<Record> records, StreamConfig config) {
    checkStreamWritable(config);
    return StreamWriter.write(this, records.iterator(), config);
  }

  /**
   * A closed or read-only database rejects a stream write as a whole, not batch by batch: an
   * empty stream write on the delegate throws exactly what a real one would, and writes nothing.
   */
  private void checkStreamWritable(StreamConfig config) {
    ensureOpen();
    delegate.streamWrite(List.<Record>of(), config);
  }

  @Override
  public Transaction beginTransaction(TransactionPolicy policy) {
    return delegate.beginTransaction(policy);
  }

  @Override
  public long clear() {
    return delegate.clear();
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public String backendName() {
    return delegate.backendName();
  }

  @Override
  public AsyncDatabase async() {
    ensureOpen();
    return async.get();
  }

  /** {@inheritDoc} Passed to the delegate unguarded: the engine answers, not a decorator. */
  @Override
  public io.dataknobs.api.Health health(java.time.Duration timeout) {
    return delegate.health(timeout);
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}

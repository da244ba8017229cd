package io.dataknobs.core.decorator;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A decorator that runs every call through one {@link #guard} (a bulkhead permit, a rate-limit
 * permit, a retry loop, a circuit breaker, a timer). Streams are guarded per batch: a stream
 * read pulls {@code bufferSize} records from the delegate under one guard, a stream write
 * guards each {@code createBatch}/{@code upsertBatch} it is split into, so a long stream never
 * holds a permit between batches. Transactions are guarded when they begin; calls on the
 * transaction itself go straight to the backend.
 */
public abstract class GuardedDatabase extends ForwardingDatabase {
  /** @param delegate the database every call goes to */
  protected GuardedDatabase(Database delegate) {
    super(delegate);
  }

  /**
   * Runs one call under the guard.
   *
   * @param operation the API method ({@code read}, {@code createBatch}, {@code streamRead.batch})
   * @param readOnly true when running the call twice cannot write anything twice (retry needs this)
   * @param call the call
   * @return its result
   */
  protected abstract <T> T guard(String operation, boolean readOnly, Supplier<T> call);

  @Override
  public String create(Record record) {
    return guard("create", false, () -> super.create(record));
  }

  @Override
  public List<String> createBatch(List<Record> records) {
    return guard("createBatch", false, () -> super.createBatch(records));
  }

  @Override
  public Optional<Record> read(String id) {
    return guard("read", true, () -> super.read(id));
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    return guard("readBatch", true, () -> super.readBatch(ids));
  }

  @Override
  public boolean update(String id, Record record) {
    return guard("update", false, () -> super.update(id, record));
  }

  @Override
  public boolean update(String id, Record record, String expectedVersion) {
    return guard("update", false, () -> super.update(id, record, expectedVersion));
  }

  @Override
  public List<Boolean> updateBatch(List<Record> records) {
    return guard("updateBatch", false, () -> super.updateBatch(records));
  }

  @Override
  public List<Boolean> updateBatch(Map<String, Record> updates) {
    return guard("updateBatch", false, () -> super.updateBatch(updates));
  }

  @Override
  public String upsert(String id, Record record) {
    return guard("upsert", false, () -> super.upsert(id, record));
  }

  @Override
  public String upsert(Record record) {
    return guard("upsert", false, () -> super.upsert(record));
  }

  @Override
  public String upsert(String id, Record record, String expectedVersion) {
    return guard("upsert", false, () -> super.upsert(id, record, expectedVersion));
  }

  @Override
  public List<String> upsertBatch(List<Record> records) {
    return guard("upsertBatch", false, () -> super.upsertBatch(records));
  }

  @Override
  public boolean delete(String id) {
    return guard("delete", false, () -> super.delete(id));
  }

  @Override
  public boolean delete(String id, String expectedVersion) {
    return guard("delete", false, () -> super.delete(id, expectedVersion));
  }

  @Override
  public List<Boolean> deleteBatch(List<String> ids) {
    return guard("deleteBatch", false, () -> super.deleteBatch(ids));
  }

  @Override
  public boolean exists(String id) {
    return guard("exists", true, () -> super.exists(id));
  }

  @Override
  public Optional<String> version(String id) {
    return guard("version", true, () -> super.version(id));
  }

  @Override
  public List<Record> search(Query query) {
    return guard("search", true, () -> super.search(query));
  }

  @Override
  public long count(Query query) {
    return guard("count", true, () -> super.count(query));
  }

  @Override
  public List<Record> aggregate(Query query, Aggregation... aggregations) {
    return guard("aggregate", true, () -> super.aggregate(query, aggregations));
  }

  @Override
  public Transaction beginTransaction(TransactionPolicy policy) {
    return guard("beginTransaction", false, () -> super.beginTransaction(policy));
  }

  @Override
  public long clear() {
    return guard("clear", false, super::clear);
  }

  /** Opens the delegate's stream under the guard, then pulls each batch of {@code bufferSize} under it. */
  @Override
  public Stream<Record> streamRead(Query query, StreamConfig config) {
    Stream<Record> source = guard("streamRead", true, () -> super.streamRead(query, config));
    Iterator<Record> it = source.iterator();
    int batch = Math.max(1, config.bufferSize());
    Iterator<Record> batched = new Iterator<>() {
      private final ArrayDeque<Record> buffer = new ArrayDeque<>();
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (buffer.isEmpty() && !exhausted) {
          // not retryable: the source iterator has moved on
          exhausted = guard("streamRead.batch", false, () -> {
            while (buffer.size() < batch && it.hasNext()) {
              buffer.add(it.next());
            }
            return buffer.size() < batch;
          });
        }
        return !buffer.isEmpty();
      }

      @Override
      public Record next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return buffer.poll();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batched, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(source::close);
  }
}

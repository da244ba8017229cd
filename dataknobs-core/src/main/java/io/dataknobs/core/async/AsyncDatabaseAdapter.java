package io.dataknobs.core.async;

import io.dataknobs.core.internal.async.AsyncExecutors;
import io.dataknobs.core.internal.async.StreamPublisher;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * {@link AsyncDatabase} over any {@link Database}: each call runs on a bounded executor
 * (by default {@link AsyncExecutors#shared()}); a full executor fails the future with
 * {@link BackendUnavailableException} instead of queueing without bound.
 */
public final class AsyncDatabaseAdapter implements AsyncDatabase {
  private final Database db;
  private final Executor executor;

  /** Runs on the shared executor. */
  public AsyncDatabaseAdapter(Database db) {
    this(db, AsyncExecutors.shared());
  }

  /** Runs on {@code executor}. */
  public AsyncDatabaseAdapter(Database db, Executor executor) {
    this.db = Objects.requireNonNull(db, "db");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  private <T> CompletableFuture<T> run(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new BackendUnavailableException("async executor of '" + db.backendName() + "' is saturated", e));
    }
  }

  @Override
  public CompletableFuture<String> create(Record record) {
    return run(() -> db.create(record));
  }

  @Override
  public CompletableFuture<List<String>> createBatch(List<Record> records) {
    return run(() -> db.createBatch(records));
  }

  @Override
  public CompletableFuture<Optional<Record>> read(String id) {
    return run(() -> db.read(id));
  }

  @Override
  public CompletableFuture<List<Optional<Record>>> readBatch(List<String> ids) {
    return run(() -> db.readBatch(ids));
  }

  @Override
  public CompletableFuture<Boolean> update(String id, Record record) {
    return run(() -> db.update(id, record));
  }

  @Override
  public CompletableFuture<Boolean> update(String id, Record record, String expectedVersion) {
    return run(() -> db.update(id, record, expectedVersion));
  }

  @Override
  public CompletableFuture<List<Boolean>> updateBatch(List<Record> records) {
    return run(() -> db.updateBatch(records));
  }

  @Override
  public CompletableFuture<String> upsert(String id, Record record) {
    return run(() -> db.upsert(id, record));
  }

  @Override
  public CompletableFuture<String> upsert(Record record) {
    return run(() -> db.upsert(record));
  }

  @Override
  public CompletableFuture<List<String>> upsertBatch(List<Record> records) {
    return run(() -> db.upsertBatch(records));
  }

  @Override
  public CompletableFuture<Boolean> delete(String id) {
    return run(() -> db.delete(id));
  }

  @Override
  public CompletableFuture<Boolean> delete(String id, String expectedVersion) {
    return run(() -> db.delete(id, expectedVersion));
  }

  @Override
  public CompletableFuture<List<Boolean>> deleteBatch(List<String> ids) {
    return run(() -> db.deleteBatch(ids));
  }

  @Override
  public CompletableFuture<Boolean> exists(String id) {
    return run(() -> db.exists(id));
  }

  @Override
  public CompletableFuture<Optional<String>> version(String id) {
    return run(() -> db.version(id));
  }

  @Override
  public CompletableFuture<List<Record>> search(Query query) {
    return run(() -> db.search(query));
  }

  @Override
  public CompletableFuture<Long> count(Query query) {
    return run(() -> db.count(query));
  }

  @Override
  public CompletableFuture<List<Record>> aggregate(Query query, Aggregation... aggregations) {
    return run(() -> db.aggregate(query, aggregations));
  }

  @Override
  public Flow.Publisher<Record> streamRead(Query query, StreamConfig config) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(config, "config");
    return new StreamPublisher<>(() -> db.streamRead(query, config), executor,
        () -> db.isClosed() ? new IllegalStateException(db.backendName() + " database is closed; open a new one to stream from it") : null);
  }

  @Override
  public CompletableFuture<StreamResult> streamWrite(Iterable<Record> records, StreamConfig config) {
    return run(() -> db.streamWrite(records, config));
  }

  @Override
  public CompletableFuture<Long> clear() {
    return run(db::clear);
  }

  @Override
  public Database sync() {
    return db;
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "AsyncDatabase{" + db + "}";
  }
}

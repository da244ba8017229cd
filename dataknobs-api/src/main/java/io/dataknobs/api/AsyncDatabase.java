package io.dataknobs.api;

import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operations of {@link Database}, asynchronous. Futures complete exceptionally with the
 * same exceptions the synchronous methods throw. Obtained from {@link Database#async()} or
 * the factory's {@code openAsync}.
 */
@ProviderType
public interface AsyncDatabase extends AutoCloseable {
  /** @see Database#create(Record) */
  CompletableFuture<String> create(Record record);

  /** @see Database#createBatch(List) */
  CompletableFuture<List<String>> createBatch(List<Record> records);

  /** @see Database#read(String) */
  CompletableFuture<Optional<Record>> read(String id);

  /** @see Database#readBatch(List) */
  CompletableFuture<List<Optional<Record>>> readBatch(List<String> ids);

  /** @see Database#update(String, Record) */
  CompletableFuture<Boolean> update(String id, Record record);

  /** @see Database#update(String, Record, String) */
  CompletableFuture<Boolean> update(String id, Record record, String expectedVersion);

  /** @see Database#updateBatch(List) */
  CompletableFuture<List<Boolean>> updateBatch(List<Record> records);

  /** @see Database#upsert(String, Record) */
  CompletableFuture<String> upsert(String id, Record record);

  /** @see Database#upsert(Record) */
  CompletableFuture<String> upsert(Record record);

  /** @see Database#upsertBatch(List) */
  CompletableFuture<List<String>> upsertBatch(List<Record> records);

  /** @see Database#delete(String) */
  CompletableFuture<Boolean> delete(String id);

  /** @see Database#delete(String, String) */
  CompletableFuture<Boolean> delete(String id, String expectedVersion);

  /** @see Database#deleteBatch(List) */
  CompletableFuture<List<Boolean>> deleteBatch(List<String> ids);

  /** @see Database#exists(String) */
  CompletableFuture<Boolean> exists(String id);

  /** @see Database#version(String) */
  CompletableFuture<Optional<String>> version(String id);

  /** @see Database#search(Query) */
  CompletableFuture<List<Record>> search(Query query);

  /** @see Database#count(Query) */
  CompletableFuture<Long> count(Query query);

  /** @see Database#aggregate(Query, Aggregation...) */
  CompletableFuture<List<Record>> aggregate(Query query, Aggregation... aggregations);

  /**
   * The records of {@link Database#streamRead(Query, StreamConfig)} as a publisher that
   * honours demand: no more records are read than subscribers requested (plus at most one
   * buffer). Each subscription reads afresh; cancelling releases the cursor.
   */
  Flow.Publisher<Record> streamRead(Query query, StreamConfig config);

  /** @see Database#streamWrite(Iterable, StreamConfig) */
  CompletableFuture<StreamResult> streamWrite(Iterable<Record> records, StreamConfig config);

  /** @see Database#clear() */
  CompletableFuture<Long> clear();

  /** @return the synchronous database this view runs on */
  Database sync();

  /** Closes the underlying database. */
  @Override
  void close();
}

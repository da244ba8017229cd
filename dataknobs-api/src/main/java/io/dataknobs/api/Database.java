package io.dataknobs.api;

import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One collection of records in one storage engine, with the same behaviour on every
 * backend (the rules of the conformance suite).
 *
 * <p><b>Ids.</b> A write without an explicit id stores the record under {@link Record#id()};
 * if that is null, under its data field {@code id} (stringified; the field stays in the
 * data); otherwise under a new random UUID. Every record returned by {@link #read},
 * {@link #search} and {@link #streamRead} carries its storage id.
 *
 * <p><b>Versions.</b> {@link #version(String)} returns an opaque token that changes on every
 * write to that id (also when the content is unchanged, and across delete and re-create).
 * The {@code expectedVersion} overloads write only if the stored token still matches, and
 * throw {@link ConcurrencyException} otherwise, changing nothing.
 *
 * <p><b>Threads.</b> Implementations are thread-safe. A closed database throws
 * {@link IllegalStateException} from every operation; {@link #close()} twice is a no-op.
 */
@ProviderType
public interface Database extends AutoCloseable {

  /**
   * Stores a new record.
   *
   * @return the id it was stored under
   * @throws DuplicateRecordException if that id is stored already (which stays untouched)
   */
  String create(Record record);

  /**
   * Stores all records or none: if any id is stored already or repeats inside the batch,
   * throws {@link DuplicateRecordException} and stores nothing of the batch.
   *
   * @return the ids, in input order
   */
  List<String> createBatch(List<Record> records);

  /** @return the record stored under {@code id}, or empty; never throws for a missing id */
  Optional<Record> read(String id);

  /** @return one entry per id, in input order, empty for a miss */
  List<Optional<Record>> readBatch(List<String> ids);

  /**
   * Replaces data and metadata of an existing record entirely; never inserts.
   *
   * @return false if no record is stored under {@code id}
   */
  boolean update(String id, Record record);

  /**
   * Like {@link #update(String, Record)} but only if the stored version is
   * {@code expectedVersion}.
   *
   * @return false if no record is stored under {@code id}
   * @throws ConcurrencyException if the stored version differs (nothing changes)
   */
  boolean update(String id, Record record, String expectedVersion);

  /**
   * Updates each record under its own {@link Record#id()} (which must be set).
   *
   * @return one result per input, in order: false where no record was stored
   */
  List<Boolean> updateBatch(List<Record> records);

  /**
   * Updates each entry's record under the entry's key.
   *
   * @return one result per entry, in the map's iteration order
   */
  List<Boolean> updateBatch(Map<String, Record> updates);

  /**
   * Inserts or replaces the record under {@code id}; the explicit id wins over the
   * record's own.
   *
   * @return {@code id}
   */
  String upsert(String id, Record record);

  /**
   * Inserts or replaces, choosing the id as {@link #create(Record)} does.
   *
   * @return the id
   */
  String upsert(Record record);

  /**
   * Replaces the record under {@code id} only if its stored version is
   * {@code expectedVersion}.
   *
   * @return {@code id}
   * @throws ConcurrencyException if the version differs or no record is stored
   */
  String upsert(String id, Record record, String expectedVersion);

  /**
   * Upserts every record, choosing ids as {@link #upsert(Record)}; for an id repeated in
   * the batch the last record wins.
   *
   * @return one id per input, in order
   */
  List<String> upsertBatch(List<Record> records);

  /** @return true if a record was removed; false for an unknown id */
  boolean delete(String id);

  /**
   * Deletes only if the stored version is {@code expectedVersion}.
   *
   * @return false if no record is stored under {@code id}
   * @throws ConcurrencyException if the version differs (nothing changes)
   */
  boolean delete(String id, String expectedVersion);

  /** @return one result per id, in order */
  List<Boolean> deleteBatch(List<String> ids);

  /** @return true if a record is stored under {@code id} */
  boolean exists(String id);

  /** @return the current version token of {@code id}, empty if nothing is stored there */
  Optional<String> version(String id);

  /**
   * Runs a query: filter, then sort, offset, limit, projection. Without a limit every match
   * is returned (no default page size). Without a sort the order is unspecified.
   */
  List<Record> search(Query query);

  /** @return how many records are stored */
  default long count() {
    return count(Query.all());
  }

  /** @return how many records match, ignoring limit, offset and projection */
  long count(Query query);

  /**
   * Aggregates the records matching {@code query}'s filters, grouped by
   * {@link Query#groupBy()}: one record per group, holding the group fields and one field
   * per aggregation (named by its alias). Without group-by fields, one record.
   */
  List<Record> aggregate(Query query, Aggregation... aggregations);

  /** Same as {@link #aggregate(Query, Aggregation...)} with a list. */
  default List<Record> aggregate(Query query, List<Aggregation> aggregations) {
    return aggregate(query, aggregations.toArray(new Aggregation[0]));
  }

  /**
   * Streams what {@link #search(Query)} returns (in the same order when the query is
   * sorted) holding at most about {@link StreamConfig#bufferSize()} records in memory. The
   * stream must be closed (try-with-resources); closing it early releases its cursor or
   * connection.
   */
  Stream<Record> streamRead(Query query, StreamConfig config);

  /** {@link #streamRead(Query, StreamConfig)} with {@link StreamConfig#defaults()}. */
  default Stream<Record> streamRead(Query query) {
    return streamRead(query, StreamConfig.defaults());
  }

  /**
   * Writes records in batches of {@link StreamConfig#batchSize()}, applying
   * {@link StreamConfig#onConflict()}; a failed batch is retried record by record. Without an
   * error handler that returns true, the first failure stops the write. The stream is
   * closed when done.
   */
  StreamResult streamWrite(Stream<Record> records, StreamConfig config);

  /** Same as {@link #streamWrite(Stream, StreamConfig)} for an iterable source. */
  StreamResult streamWrite(Iterable<Record> records, StreamConfig config);

  /** Begins a {@link TransactionPolicy#STRICT} transaction. */
  default Transaction beginTransaction() {
    return beginTransaction(TransactionPolicy.STRICT);
  }

  /**
   * Begins a transaction.
   *
   * @throws UnsupportedCapabilityException for {@code STRICT} without
   *     {@link Capability#TRANSACTIONS}
   */
  Transaction beginTransaction(TransactionPolicy policy);

  /**
   * Runs {@code work} in a {@link TransactionPolicy#STRICT} transaction: commits when it
   * returns, rolls back and rethrows when it throws.
   */
  default <T> T inTransaction(Function<? super Transaction, ? extends T> work) {
    return inTransaction(TransactionPolicy.STRICT, work);
  }

  /** Like {@link #inTransaction(Function)} with the given policy. */
  default <T> T inTransaction(TransactionPolicy policy, Function<? super Transaction, ? extends T> work) {
    try (Transaction tx = beginTransaction(policy)) {
      T result = work.apply(tx);
      tx.commit();
      return result;
    }
  }

  /** Removes every record. @return how many were removed */
  long clear();

  /** @return what this backend does natively */
  Set<Capability> capabilities();

  /** @return the canonical name of the backend ({@code memory}, {@code sqlite}, …) */
  String backendName();

  /** @return an asynchronous view of this database on a bounded executor */
  AsyncDatabase async();

  /** @return true once {@link #close()} was called */
  boolean isClosed();

  /**
   * Checks cheaply that the engine answers: by default a lookup of an id no record has, run on a
   * thread of its own so that an engine that does not answer is reported after {@code timeout}
   * instead of holding the caller. Backends add what they know of their connections (pool
   * state) to {@link Health#details()}; decorators pass the check through to the backend
   * unguarded, so a cache never answers for the engine and a limit never refuses the check.
   *
   * <p>Never throws for an engine that is down or a closed database: that is a
   * {@link Health.Status#DOWN} answer with the reason in {@link Health#message()}.
   *
   * @param timeout how long to wait for the engine (positive)
   * @return whether the engine answered, how fast, and the pool state
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  default Health health(java.time.Duration timeout) {
    return io.dataknobs.api.internal.HealthProbe.probe(this, timeout);
  }

  /** Releases connections and resources; a second call is a no-op. */
  @Override
  void close();
}

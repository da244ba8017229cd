package io.dataknobs.backend.s3;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.query.QueryEvaluator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Records as JSON objects in an S3 bucket under a prefix (see {@link S3Keys} for the key
 * layout, {@link S3Document} for the body). The object's ETag is the version token.
 *
 * <p>{@code create} writes with {@code If-None-Match: *}, so exactly one of racing creators
 * wins; conditional updates and deletes send {@code If-Match} with the expected ETag; plain
 * updates read the current ETag first and write with {@code If-Match}, trying again if another
 * writer slipped in, so an update never resurrects a deleted record. Batches and reads run on
 * {@code transfer.max_concurrency} threads; {@code createBatch} is all-or-nothing by deleting
 * what it created when any create fails. Queries list the keys page by page and fetch each
 * page's objects in parallel, evaluating filters in memory: a stream holds one page at a time.
 */
final class S3Database extends AbstractDatabase implements io.dataknobs.core.pool.Pooled {
  private final PoolLease<S3Client> lease;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final S3Settings settings;
  private final ExecutorService workers;
  private final S3Objects objects;
  S3Database(PoolLease<S3Client> lease, String bucket, String prefix, S3Settings settings) {
    this.lease = lease;
    this.s3 = lease.pool();
    this.bucket = bucket;
    this.prefix = prefix;
    this.settings = settings;
    this.objects = new S3Objects(lease.pool(), bucket, prefix, settings);
    this.workers = Executors.newFixedThreadPool(settings.maxConcurrency(), r -> {
      Thread t = new Thread(r, "dataknobs-s3-" + bucket);
      t.setDaemon(true);
      return t;
    });
  }

  private ConcurrencyException stale(String id, String expected) {
    Optional<String> now = objects.head(id);
    return new ConcurrencyException(id, now.isEmpty() ? "conditional write to '" + id + "': no record is stored"
        : "conditional write to '" + id + "': expected version " + expected + " but the record is at " + now.get());
  }

  // ---- primitives ------------------------------------------------------------------------------

  @Override
  protected void doCreate(String id, Record record) {
    if (!objects.put(id, record, 0, true, null)) {
      throw new DuplicateRecordException(id);
    }
  }

  @Override
  protected Optional<Record> doRead(String id) {
    S3Objects.Current c = objects.get(id);
    return c == null ? Optional.empty() : Optional.of(c.record());
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    if (expectedVersion != null) {
      if (objects.put(id, record, 0, false, expectedVersion)) {
        return true;
      }
      if (objects.head(id).isPresent()) {
        throw stale(id, expectedVersion);
      }
      return false;
    }
    while (true) {
      S3Objects.Current c = objects.get(id);
      if (c == null) {
        return false;
      }
      if (objects.put(id, record, c.createdAt(), false, c.etag())) {
        return true;
      }
      // another writer got in between: read again and retry
    }
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    if (expectedVersion != null) {
      if (!objects.put(id, record, 0, false, expectedVersion)) {
        throw stale(id, expectedVersion);
      }
      return;
    }
    S3Objects.Current c = objects.get(id);
    if (c == null) {
      if (objects.put(id, record, 0, true, null)) {
        return;
      }
      c = objects.get(id);
    }
    // keep the creation time; a racing writer between these calls simply loses to this upsert
    objects.put(id, record, c == null ? 0 : c.createdAt(), false, null);
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    if (expectedVersion != null) {
      if (objects.delete(id, expectedVersion)) {
        return true;
      }
      if (objects.head(id).isPresent()) {
        throw stale(id, expectedVersion);
      }
      return false;
    }
    Optional<String> tag = objects.head(id);
    return tag.isPresent() && objects.delete(id, null);
  }

  @Override
  protected Optional<String> doVersion(String id) {
    return objects.head(id);
  }

  /** Creates in parallel; if any create fails, deletes the ones that succeeded and throws the first failure in input order. */
  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Record r = records.get(i);
      tasks.add(() -> objects.put(id, r, 0, true, null));
    }
    List<Object> outcomes = runAll(tasks);
    RuntimeException first = null;
    List<String> created = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Object o = outcomes.get(i);
      if (Boolean.TRUE.equals(o)) {
        created.add(ids.get(i));
      } else if (first == null) {
        first = o instanceof RuntimeException ? (RuntimeException) o : new DuplicateRecordException(ids.get(i));
      }
    }
    if (first != null) {
      // a put that failed transiently may or may not have landed, and was maybe another writer's:
      // it is not deleted, but named; so is every created object the undo could not delete
      List<String> uncertain = new ArrayList<>();
      for (int i = 0; i < outcomes.size(); i++) {
        if (outcomes.get(i) instanceof BackendUnavailableException) {
          uncertain.add(ids.get(i));
        }
      }
      List<Callable<Boolean>> undo = new ArrayList<>();
      created.forEach(id -> undo.add(() -> objects.delete(id, null)));
      List<Object> undone = runAll(undo);
      for (int i = 0; i < undone.size(); i++) {
        if (undone.get(i) instanceof RuntimeException) {
          uncertain.add(created.get(i));
        }
      }
      if (!uncertain.isEmpty()) {
        throw incompleteBatch("createBatch of " + ids.size() + " records in bucket '" + bucket + "'", uncertain, first);
      }
      throw first;
    }
  }

  /** Upserts in parallel; of a repeated id only the last record is written (the last one wins, as if in order). */
  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    java.util.Map<String, Integer> last = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      last.put(ids.get(i), i);
    }
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i : last.values()) {
      String id = ids.get(i);
      Record r = records.get(i);
      tasks.add(() -> {
        doUpsert(id, r, null);
        return true;
      });
    }
    allOrThrow(tasks);
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    if (ids == null || ids.stream().anyMatch(java.util.Objects::isNull)) {
      return super.readBatch(ids);
    }
    List<Callable<Optional<Record>>> tasks = new ArrayList<>();
    ids.forEach(id -> tasks.add(() -> doRead(id)));
    return allOrThrow(tasks);
  }

  /** @return each task's result, in task order; the first failure (in task order) is thrown */
  private <T> List<T> allOrThrow(List<Callable<T>> tasks) {
    List<T> out = new ArrayList<>(tasks.size());
    for (Object o : runAll(tasks)) {
      if (o instanceof RuntimeException) {
        throw (RuntimeException) o;
      }
      @SuppressWarnings("unchecked")
      T t = (T) o;
      out.add(t);
    }
    return out;
  }

  /**
   * @return each task's result or the RuntimeException it threw, in task order. The tasks run
   *     on {@code transfer.max_concurrency} lanes (the caller's thread is one) that each take the
   *     next task until none is left: one future per lane rather than per task, because waking
   *     the caller for each of a batch's tasks took CPU time the requests needed (the batch
   *     wrote at 0.75x the raw PUT rate; with lanes, at its rate).
   */
  private <T> List<Object> runAll(List<Callable<T>> tasks) {
    int n = tasks.size();
    Object[] out = new Object[n];
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Runnable lane = () -> {
      for (int i; (i = next.getAndIncrement()) < n; ) {
        try {
          out[i] = tasks.get(i).call();
        } catch (RuntimeException e) {
          out[i] = e;
        } catch (Exception e) {
          out[i] = new BackendUnavailableException("S3 call failed: " + e, e);
        }
      }
    };
    List<Future<?>> lanes = new ArrayList<>();
    for (int k = 1; k < Math.min(settings.maxConcurrency(), n); k++) {
      lanes.add(workers.submit(lane));
    }
    lane.run();
    try {
      for (Future<?> f : lanes) {
        f.get();
      }
    } catch (InterruptedException e) {
      next.set(n); // no lane starts another task
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted while waiting for S3", e);
    } catch (ExecutionException e) {
      // a lane catches what its tasks throw; an Error is all that can arrive here
      throw new BackendUnavailableException("S3 call failed: " + e.getCause(), e.getCause());
    }
    return java.util.Arrays.asList(out);
  }

  // ---- listing and queries ---------------------------------------------------------------------

  /** The records of one listing page, fetched in parallel (those deleted since the listing left out). */
  private List<Record> fetchPage(List<String> keys) {
    ensureOpen();
    List<Callable<Record>> fetch = new ArrayList<>();
    keys.forEach(k -> fetch.add(() -> objects.fetchKey(k)));
    List<Record> out = allOrThrow(fetch);
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  private int pageSize(int wanted) {
    return Math.max(1, Math.min(1000, Math.min(wanted, settings.maxIoQueue())));
  }

  /** Every record matching {@code query}'s filters, in key order, one page in memory at a time. */
  private Stream<Record> matching(Query query, int page) {
    Predicate<Record> p = query.matchesAll() ? r -> true : QueryEvaluator.compile(query.condition());
    Iterator<List<String>> keys = objects.keyPages(page);
    // flatMap pulls one page at a time (and stops early under limit or a closed iteration)
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(keys, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .flatMap(k -> fetchPage(k).stream()).filter(p);
  }

  /**
   * Sorted queries hold every match; unsorted ones (key order) stop listing and fetching once
   * {@code offset + limit} records matched, so a limited search reads only the pages it needs.
   */
  @Override
  protected List<Record> doSearch(Query query) {
    List<Record> matched = new ArrayList<>();
    boolean stopEarly = query.sorts().isEmpty() && query.limit() != null;
    long wanted = stopEarly ? query.offset() + (long) query.limit() : Long.MAX_VALUE;
    int page = pageSize(stopEarly && query.matchesAll() ? (int) Math.min(1000, wanted) : 1000);
    try (Stream<Record> s = matching(query, page)) {
      (stopEarly ? s.limit(wanted) : s).forEach(matched::add);
    }
    return QueryEvaluator.page(query, matched, true);
  }

  /** Counting every record needs only the listing; a filtered count fetches and evaluates each page. */
  @Override
  protected long doCount(Query query) {
    if (query.matchesAll()) {
      long n = 0;
      for (Iterator<List<String>> keys = objects.keyPages(1000); keys.hasNext(); ) {
        n += keys.next().size();
      }
      return n;
    }
    try (Stream<Record> s = matching(query, pageSize(1000))) {
      return s.count();
    }
  }

  /** Unsorted queries stream page by page in key order; sorted ones hold their matches, sorted, then stream them. */
  @Override
  protected Stream<Record> doStreamRead(Query query, StreamConfig config) {
    if (!query.sorts().isEmpty()) {
      // sorting needs every match: one search (matches only, never the whole bucket), then stream it
      return doSearch(query).stream();
    }
    Stream<Record> s = matching(query, pageSize(config.bufferSize())).skip(query.offset());
    if (query.limit() != null) {
      s = s.limit(query.limit());
    }
    return query.select() == null ? s : s.map(r -> r.project(query.select()));
  }

  /** Deletes the record keys page by page with multi-object deletes (at most 1,000 keys each). */
  @Override
  protected long doClear() {
    long removed = 0;
    try {
      for (Iterator<List<String>> keys = objects.keyPages(1000); keys.hasNext(); ) {
        List<String> batch = keys.next();
        if (batch.isEmpty()) {
          continue;
        }
        List<ObjectIdentifier> doomed = new ArrayList<>();
        batch.forEach(k -> doomed.add(ObjectIdentifier.builder().key(k).build()));
        var result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(doomed).quiet(true)));
        if (!result.errors().isEmpty()) {
          throw new BackendUnavailableException("S3 failed to delete " + result.errors().size() + " objects in bucket '" + bucket
              + "', e.g. " + result.errors().get(0).key() + ": " + result.errors().get(0).message());
        }
        removed += batch.size();
      }
    } catch (SdkException e) {
      throw objects.failure("clear", e);
    }
    return removed;
  }

  @Override
  protected void doClose() {
    workers.shutdownNow();
    lease.close();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CONDITIONAL_WRITE, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public String backendName() {
    return "s3";
  }

  @Override
  public String toString() {
    return "S3Database[s3://" + bucket + "/" + prefix + "]";
  }

  /** {@inheritDoc} The client shared by the databases of this endpoint and configuration. */
  @Override
  public java.util.List<io.dataknobs.core.pool.PoolInfo> pools() {
    return java.util.List.of(lease.info());
  }
}

package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.RecordValidationException;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.codec.RecordCodec;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.query.Aggregator;
import io.dataknobs.core.query.QueryEvaluator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Records as documents of one index: the exact record as a stored JSON string ({@code doc},
 * decoded by {@link RecordCodec}) next to the typed fields of {@link IndexedFields} that queries
 * read. The document id is the record id (or {@code ~h} + its SHA-256 when the id is longer than
 * Elasticsearch's 512 bytes or itself starts with {@code ~h}); the version token is
 * {@code _seq_no:_primary_term}, so conditional writes are Elasticsearch's own.
 *
 * <p>Queries run in filter context. A query whose translation is exact is answered by
 * Elasticsearch alone (sort, offset, limit, {@code count}); one that is not, or that meets a
 * record whose touched values are not exactly indexed (checked in the same request by a filter
 * aggregation), is answered by evaluating Elasticsearch's candidates with the in-memory
 * evaluator. Without a limit every match is returned, through a point in time and
 * {@code search_after}. Writes ask for the {@code refresh} setting; with {@code false} this
 * database refreshes the index before its next search, so it reads its own writes.
 */
final class ElasticsearchDatabase extends AbstractDatabase implements io.dataknobs.core.pool.Pooled {
  private static final RecordCodec CODEC = RecordCodec.standard();

  /** The part of a hit's {@code _source} that is read back. */
  static final class Source {
    public String doc;
  }

  private final PoolLease<ElasticsearchConnections.Connection> lease;
  /** Below this many operations a batch goes as one request. */
  private static final int MIN_SPLIT = 200;
  /** Bulk requests of one batch in flight at once. */
  private static final int IN_FLIGHT = 2;

  private final ElasticsearchClient client;
  private final ElasticsearchAsyncClient async;
  private final String index;
  private final IndexLayout layout;
  private final Refresh refresh;
  private final int bulkSize;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final ThreadLocal<Boolean> deferRefresh = ThreadLocal.withInitial(() -> false);

  ElasticsearchDatabase(PoolLease<ElasticsearchConnections.Connection> lease, String index, IndexLayout layout, String refresh,
      int bulkSize) {
    this.lease = lease;
    this.client = lease.pool().client();
    this.async = new ElasticsearchAsyncClient(client._transport(), client._transportOptions());
    this.index = index;
    this.layout = layout;
    this.refresh = "true".equals(refresh) ? Refresh.True : "wait_for".equals(refresh) ? Refresh.WaitFor : Refresh.False;
    this.bulkSize = bulkSize;
  }

  // ---- documents -------------------------------------------------------------------------------

  /** @return the document id of a record id */
  static String docId(String id) {
    if (!id.startsWith("~h") && (id.length() <= 170 || id.getBytes(StandardCharsets.UTF_8).length <= 512)) {
      return id;
    }
    try {
      return "~h" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** @return the document of a record, as JSON bytes the client sends unchanged */
  private static BinaryData body(String id, Record record) {
    Record r = id.equals(record.id()) ? record : record.withId(id);
    return BinaryData.of(IndexedFields.document(id, r, CODEC.toDocument(r)), ContentType.APPLICATION_JSON);
  }

  private static Record decode(Source s) {
    return CODEC.fromDocument(s.doc);
  }

  private Refresh writeRefresh() {
    Refresh r = deferRefresh.get() ? Refresh.False : refresh;
    if (r == Refresh.False) {
      dirty.set(true);
    }
    return r;
  }

  /** Makes this database's earlier writes visible to search (they are to get already). */
  private void refreshIfDirty() {
    if (dirty.getAndSet(false)) {
      try {
        client.indices().refresh(r -> r.index(index));
      } catch (IOException | ElasticsearchException e) {
        dirty.set(true);
        throw failure("refresh", e);
      }
    }
  }

  private io.dataknobs.api.DataknobsException failure(String what, Exception e) {
    return failure(index, what, e);
  }

  /**
   * @return the error of a failed request, typed by {@link ElasticsearchErrors}: the client's
   *     exception is the cause
   */
  static io.dataknobs.api.DataknobsException failure(String index, String what, Exception e) {
    return ElasticsearchErrors.classify(e).toException("Elasticsearch " + what + " on index '" + index + "' failed: " + e.getMessage(), e,
        ElasticsearchErrors.writes(what));
  }

  private static boolean conflict(ElasticsearchException e) {
    return e.status() == 409;
  }

  private RuntimeException writeFailure(String what, String id, ElasticsearchException e) {
    if (e.status() == 400) {
      RecordValidationException v = new RecordValidationException(null, "Elasticsearch rejected " + what + " of record '" + id + "': "
          + e.getMessage());
      v.initCause(e);
      return v;
    }
    return failure(what + " of '" + id + "'", e);
  }

  private static String token(long seqNo, long primaryTerm) {
    return seqNo + ":" + primaryTerm;
  }

  /** @return {seqNo, primaryTerm} of a token, or null if it is not one of ours (it then matches nothing) */
  private static long[] parseToken(String token) {
    int colon = token.indexOf(':');
    try {
      return colon < 0 ? null : new long[] {Long.parseLong(token.substring(0, colon)), Long.parseLong(token.substring(colon + 1))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---- primitives ------------------------------------------------------------------------------

  @Override
  protected void doCreate(String id, Record record) {
    try {
      client.create(c -> c.index(index).id(docId(id)).document(body(id, record)).refresh(writeRefresh()));
    } catch (ElasticsearchException e) {
      if (conflict(e)) {
        throw new DuplicateRecordException(id);
      }
      throw writeFailure("create", id, e);
    } catch (IOException e) {
      throw failure("create of '" + id + "'", e);
    }
  }

  @Override
  protected Optional<Record> doRead(String id) {
    try {
      GetResponse<Source> r = client.get(g -> g.index(index).id(docId(id)).sourceIncludes("doc"), Source.class);
      return r.found() && r.source() != null ? Optional.of(decode(r.source())) : Optional.empty();
    } catch (IOException | ElasticsearchException e) {
      throw failure("read of '" + id + "'", e);
    }
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    if (ids == null || ids.isEmpty() || ids.stream().anyMatch(java.util.Objects::isNull)) {
      return super.readBatch(ids);
    }
    List<String> docIds = new ArrayList<>(ids.size());
    ids.forEach(id -> docIds.add(docId(id)));
    try {
      var r = client.mget(m -> m.index(index).ids(docIds).sourceIncludes("doc"), Source.class);
      List<Optional<Record>> out = new ArrayList<>(ids.size());
      for (MultiGetResponseItem<Source> item : r.docs()) {
        if (item.isFailure()) {
          throw ElasticsearchErrors.byStatus(item.failure().error().type().contains("not_found") ? 404 : 503)
              .toException("Elasticsearch read of '" + item.failure().id() + "' failed: " + item.failure().error().reason(), null, false);
        }
        var got = item.result();
        out.add(got.found() && got.source() != null ? Optional.of(decode(got.source())) : Optional.empty());
      }
      return out;
    } catch (IOException | ElasticsearchException e) {
      throw failure("read of " + ids.size() + " records", e);
    }
  }

  /** @return {seqNo, primaryTerm} of the stored record, or null if there is none */
  private long[] current(String id) {
    try {
      GetResponse<Source> r = client.get(g -> g.index(index).id(docId(id)).source(s -> s.fetch(false)), Source.class);
      return r.found() ? new long[] {r.seqNo(), r.primaryTerm()} : null;
    } catch (IOException | ElasticsearchException e) {
      throw failure("version of '" + id + "'", e);
    }
  }

  @Override
  protected Optional<String> doVersion(String id) {
    long[] v = current(id);
    return v == null ? Optional.empty() : Optional.of(token(v[0], v[1]));
  }

  /** Writes {@code record} if the stored one is still at {@code at}; @return false on a version conflict */
  private boolean writeIf(String id, Record record, long[] at) {
    try {
      client.index(i -> i.index(index).id(docId(id)).document(body(id, record)).ifSeqNo(at[0]).ifPrimaryTerm(at[1])
          .refresh(writeRefresh()));
      return true;
    } catch (ElasticsearchException e) {
      if (conflict(e)) {
        return false;
      }
      throw writeFailure("update", id, e);
    } catch (IOException e) {
      throw failure("update of '" + id + "'", e);
    }
  }

  private ConcurrencyException stale(String id, String expected) {
    Optional<String> now = doVersion(id);
    return new ConcurrencyException(id, now.isEmpty() ? "conditional write to '" + id + "': no record is stored"
        : "conditional write to '" + id + "': expected version " + expected + " but the record is at " + now.get());
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    if (expectedVersion != null) {
      long[] at = parseToken(expectedVersion);
      if (at != null && writeIf(id, record, at)) {
        return true;
      }
      if (current(id) != null) {
        throw stale(id, expectedVersion);
      }
      return false;
    }
    while (true) { // never insert: write only over the version just read, again if another writer got in between
      long[] at = current(id);
      if (at == null) {
        return false;
      }
      if (writeIf(id, record, at)) {
        return true;
      }
    }
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    if (expectedVersion != null) {
      long[] at = parseToken(expectedVersion);
      if (at == null || !writeIf(id, record, at)) {
        throw stale(id, expectedVersion);
      }
      return;
    }
    try {
      client.index(i -> i.index(index).id(docId(id)).document(body(id, record)).refresh(writeRefresh()));
    } catch (ElasticsearchException e) {
      throw writeFailure("upsert", id, e);
    } catch (IOException e) {
      throw failure("upsert of '" + id + "'", e);
    }
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    long[] at = expectedVersion == null ? null : parseToken(expectedVersion);
    if (expectedVersion != null && at == null) {
      if (current(id) != null) {
        throw stale(id, expectedVersion);
      }
      return false;
    }
    try {
      var r = client.delete(d -> {
        d.index(index).id(docId(id)).refresh(writeRefresh());
        return at == null ? d : d.ifSeqNo(at[0]).ifPrimaryTerm(at[1]);
      });
      return r.result() == Result.Deleted;
    } catch (ElasticsearchException e) {
      if (e.status() == 404) {
        return false;
      }
      if (conflict(e)) {
        if (current(id) != null) {
          throw stale(id, expectedVersion);
        }
        return false;
      }
      throw failure("delete of '" + id + "'", e);
    } catch (IOException e) {
      throw failure("delete of '" + id + "'", e);
    }
  }

  // ---- bulk writes -----------------------------------------------------------------------------

  /** What a pipelined bulk write came to: one item per operation (null where its request failed), and the first failure. */
  private record BulkOutcome(List<BulkResponseItem> items, RuntimeException failure) {
    List<BulkResponseItem> orThrow() {
      if (failure != null) {
        throw failure;
      }
      return items;
    }
  }

  /**
   * Sends {@code n} operations as bulk requests of at most {@code bulk_size}, and at least two
   * when there are {@value #MIN_SPLIT} or more, two in flight: the next request's documents are
   * encoded while Elasticsearch indexes the previous one. The {@code refresh} setting is applied
   * once, after the last response.
   */
  private BulkOutcome bulk(int n, IntFunction<BulkOperation> op, String what) {
    Refresh r = writeRefresh();
    int pieces = n < MIN_SPLIT ? 1 : Math.max(2, (n + bulkSize - 1) / bulkSize);
    int size = (n + pieces - 1) / pieces;
    List<CompletableFuture<BulkResponse>> sent = new ArrayList<>();
    RuntimeException failure = null;
    for (int from = 0; from < n && failure == null; from += size) {
      List<BulkOperation> chunk = new ArrayList<>(Math.min(size, n - from));
      for (int i = from; i < Math.min(n, from + size); i++) {
        chunk.add(op.apply(i));
      }
      if (sent.size() >= IN_FLIGHT) {
        failure = await(sent.get(sent.size() - IN_FLIGHT), what, n);
      }
      sent.add(async.bulk(b -> b.index(index).operations(chunk)));
    }
    List<BulkResponseItem> items = new ArrayList<>(n);
    for (int k = 0; k < sent.size(); k++) {
      RuntimeException f = await(sent.get(k), what, n);
      if (f == null) {
        items.addAll(sent.get(k).join().items());
      } else {
        failure = failure == null ? f : failure;
        for (int i = k * size; i < Math.min(n, (k + 1) * size); i++) {
          items.add(null);
        }
      }
    }
    if (failure == null && r != Refresh.False) {
      try {
        client.indices().refresh(x -> x.index(index));
      } catch (IOException | ElasticsearchException e) {
        failure = failure("refresh after " + what, e);
      }
    }
    return new BulkOutcome(items, failure);
  }

  /** @return null once the request has answered, or the failure it ended in */
  private RuntimeException await(CompletableFuture<BulkResponse> f, String what, int n) {
    try {
      f.join();
      return null;
    } catch (CompletionException | CancellationException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return failure(what + " of " + n + " records", c instanceof Exception ? (Exception) c : new IOException(c));
    }
  }

  /**
   * {@code op_type=create} in bulk; if any item fails, the ones that were created are deleted
   * again and the first failure in input order is thrown (rule 3).
   */
  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    BulkOutcome outcome = bulk(ids.size(), i -> {
      BinaryData doc = body(ids.get(i), records.get(i));
      return BulkOperation.of(o -> o.create(c -> c.id(docId(ids.get(i))).document(doc)));
    }, "createBatch");
    List<BulkResponseItem> items = outcome.items();
    RuntimeException first = outcome.failure();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item == null) {
        continue; // its request failed: outcome.failure() says why
      }
      if (item.error() == null) {
        created.add(ids.get(i));
      } else if (first == null) {
        first = item.status() == 409 ? new DuplicateRecordException(ids.get(i))
            : item.status() == 400 ? new RecordValidationException(null, "Elasticsearch rejected record '" + ids.get(i) + "': "
                + item.error().reason())
            : ElasticsearchErrors.byStatus(item.status()).toException("Elasticsearch failed to create '" + ids.get(i) + "': "
                + item.error().reason(), null, true);
      }
    }
    if (first != null) {
      // documents of a request that failed may or may not be indexed: named, not deleted (they may be another writer's)
      List<String> uncertain = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) == null) {
          uncertain.add(ids.get(i));
        }
      }
      try {
        undo(created);
      } catch (RuntimeException undoFailed) {
        uncertain.addAll(created);
      }
      if (!uncertain.isEmpty()) {
        throw incompleteBatch("createBatch of " + ids.size() + " records in index '" + index + "'", uncertain, first);
      }
      throw first;
    }
  }

  /** Deletes {@code ids}: the compensation of a failed batch. */
  private void undo(List<String> ids) {
    if (!ids.isEmpty()) {
      bulk(ids.size(), i -> BulkOperation.of(o -> o.delete(d -> d.id(docId(ids.get(i))))), "undo").orThrow();
    }
  }

  /** One bulk of index operations; a repeated id is written in input order, so the last one wins. */
  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    // a repeated id: each request is applied in order, and a later request is sent after the earlier one's
    // documents, but two requests may run at once, so repeated ids are written once, with the last record
    Map<String, Integer> last = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      last.put(ids.get(i), i);
    }
    List<Integer> order = new ArrayList<>(last.values());
    List<BulkResponseItem> items = bulk(order.size(), k -> {
      int i = order.get(k);
      BinaryData doc = body(ids.get(i), records.get(i));
      return BulkOperation.of(o -> o.index(x -> x.id(docId(ids.get(i))).document(doc)));
    }, "upsertBatch").orThrow();
    for (int k = 0; k < items.size(); k++) {
      if (items.get(k).error() != null) {
        String id = ids.get(order.get(k));
        String reason = items.get(k).error().reason();
        throw items.get(k).status() == 400 ? new RecordValidationException(null, "Elasticsearch rejected record '" + id + "': " + reason)
            : ElasticsearchErrors.byStatus(items.get(k).status()).toException("Elasticsearch failed to upsert '" + id + "': " + reason, null, true);
      }
    }
  }

  /** Batches go out without a refresh; the {@code refresh} setting is applied once, when the stream is written. */
  @Override
  public StreamResult streamWrite(Stream<Record> records, StreamConfig config) {
    return deferred(() -> super.streamWrite(records, config));
  }

  @Override
  public StreamResult streamWrite(Iterable<Record> records, StreamConfig config) {
    return deferred(() -> super.streamWrite(records, config));
  }

  private StreamResult deferred(java.util.function.Supplier<StreamResult> write) {
    boolean outer = !deferRefresh.get();
    deferRefresh.set(true);
    try {
      return write.get();
    } finally {
      if (outer) {
        deferRefresh.set(false);
        if (refresh != Refresh.False && !isClosed()) {
          try {
            client.indices().refresh(r -> r.index(index));
          } catch (IOException | ElasticsearchException e) {
            throw failure("refresh after streamWrite", e);
          }
        }
      }
    }
  }

  // ---- queries ---------------------------------------------------------------------------------

  private SearchRequest.Builder searchOf(Query q) {
    return new SearchRequest.Builder().index(index).query(q).source(s -> s.filter(f -> f.includes("doc"))).trackTotalHits(t -> t.enabled(false));
  }

  private SearchResponse<Source> search(SearchRequest request) {
    try {
      return client.search(request, Source.class);
    } catch (IOException | ElasticsearchException e) {
      throw failure("search", e);
    }
  }

  /** Candidates of a translation, unsorted, one point-in-time page at a time. */
  private Stream<Record> candidates(QueryTranslator.Translation t, int page) {
    return new PitCursor(client, index, t.query(), List.of(), pageOf(page), null).stream();
  }

  /** Every match of {@code query}, evaluated in memory over Elasticsearch's candidates (bounded by one page at a time). */
  private Stream<Record> evaluated(io.dataknobs.api.query.Query query, QueryTranslator.Translation t, int page) {
    Predicate<Record> p = query.matchesAll() ? r -> true : QueryEvaluator.compile(query.condition());
    return candidates(t, page).filter(p);
  }

  /** @return a page size of at most {@code wanted} hits that the index's result window allows */
  private int pageOf(int wanted) {
    return Math.max(1, Math.min(wanted, layout.resultWindow()));
  }

  private static QueryTranslator.Translation translate(io.dataknobs.api.query.Query query) {
    return QueryTranslator.translate(query.matchesAll() ? null : query.condition(), query.sorts());
  }

  @Override
  protected List<Record> doSearch(io.dataknobs.api.query.Query query) {
    if (query.limit() != null && query.limit() == 0) {
      return List.of();
    }
    refreshIfDirty();
    QueryTranslator.Translation t = translate(query);
    if (t.exact()) {
      List<SortOptions> sort = QueryTranslator.sortOptions(query.sorts());
      Query check = t.unexactCheck();
      if (query.limit() != null && (long) query.offset() + query.limit() <= layout.resultWindow()) {
        SearchRequest.Builder b = searchOf(t.query()).from(query.offset()).size(query.limit()).sort(sort);
        QueryTranslator.addCheck(b, check);
        SearchResponse<Source> r = search(b.build());
        if (!QueryTranslator.checkMatched(r)) {
          List<Record> out = new ArrayList<>(r.hits().hits().size());
          r.hits().hits().forEach(h -> out.add(decode(h.source())));
          return QueryEvaluator.page(query.withoutPaging(), out, false);
        }
      } else {
        try (PitCursor c = new PitCursor(client, index, t.query(), query.sorts(), pageOf(1000), check)) {
          if (c.exact()) {
            return paged(query, c.stream()).toList();
          }
        }
      }
    }
    List<Record> matched;
    try (Stream<Record> s = evaluated(query, t, 1000)) {
      matched = new ArrayList<>(s.toList());
    }
    return QueryEvaluator.page(query, matched, true);
  }

  /** {@code _count} when nothing can be approximate; else an exact total with the flag check in the same request. */
  @Override
  protected long doCount(io.dataknobs.api.query.Query query) {
    refreshIfDirty();
    QueryTranslator.Translation t = translate(query);
    if (t.exact()) {
      Query check = t.unexactCheck();
      if (check == null) {
        try {
          return client.count(c -> c.index(index).query(t.query())).count();
        } catch (IOException | ElasticsearchException e) {
          throw failure("count", e);
        }
      }
      SearchRequest.Builder b = new SearchRequest.Builder().index(index).query(t.query()).size(0).trackTotalHits(h -> h.enabled(true));
      QueryTranslator.addCheck(b, check);
      SearchResponse<Source> r = search(b.build());
      if (!QueryTranslator.checkMatched(r)) {
        return r.hits().total().value();
      }
    }
    try (Stream<Record> s = evaluated(query, t, 1000)) {
      return s.count();
    }
  }

  /**
   * A composite aggregation when its result is provably the reference one ({@link NativeAggregation});
   * otherwise in memory over the matches, streamed from Elasticsearch one page at a time.
   */
  @Override
  protected List<Record> doAggregate(io.dataknobs.api.query.Query query, List<Aggregation> aggregations) {
    refreshIfDirty();
    List<Record> pushed = new NativeAggregation(client, index).run(query, translate(query.withoutSort()), aggregations);
    if (pushed != null) {
      return pushed;
    }
    io.dataknobs.api.query.Query filter = query.withoutPaging().withoutSort().withoutSelect();
    List<Record> matched;
    try (Stream<Record> s = doStreamRead(filter, StreamConfig.builder().bufferSize(1000).build())) {
      matched = s.toList();
    }
    return Aggregator.aggregate(query, aggregations, matched);
  }

  /**
   * Exact queries stream through a point in time in the query's order, {@code bufferSize} hits
   * per page; the others stream Elasticsearch's candidates through the in-memory evaluator (a
   * sorted one collects its matches first, as sorting needs them all).
   */
  @Override
  protected Stream<Record> doStreamRead(io.dataknobs.api.query.Query query, StreamConfig config) {
    if (query.limit() != null && query.limit() == 0) {
      return Stream.empty();
    }
    refreshIfDirty();
    int page = pageOf(config.bufferSize());
    QueryTranslator.Translation t = translate(query);
    if (t.exact()) {
      PitCursor c = new PitCursor(client, index, t.query(), query.sorts(), pageOf(page), t.unexactCheck());
      if (c.exact()) {
        return paged(query, c.stream());
      }
      c.close();
    }
    if (!query.sorts().isEmpty()) {
      return doSearch(query).stream();
    }
    return paged(query, evaluated(query, t, page));
  }

  private static Stream<Record> paged(io.dataknobs.api.query.Query query, Stream<Record> s) {
    s = s.skip(query.offset());
    if (query.limit() != null) {
      s = s.limit(query.limit());
    }
    return query.select() == null ? s : s.map(r -> r.project(query.select()));
  }

  /**
   * Counts, then deletes and re-creates the index ({@code _delete_by_query} is not on every
   * cluster, and deleting the index is immediate whatever its size).
   */
  @Override
  protected long doClear() {
    refreshIfDirty();
    try {
      long n = client.count(c -> c.index(index)).count();
      client.indices().delete(d -> d.index(index));
      layout.create(client, index);
      return n;
    } catch (IOException | ElasticsearchException e) {
      throw failure("clear", e);
    }
  }

  @Override
  protected void doClose() {
    lease.close();
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN, Capability.AGGREGATION_PUSHDOWN,
        Capability.STREAMING_CURSOR, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public String backendName() {
    return "elasticsearch";
  }

  @Override
  public String toString() {
    return "ElasticsearchDatabase[" + index + "]";
  }

  /** {@inheritDoc} The client shared by the databases of this endpoint and configuration. */
  @Override
  public java.util.List<io.dataknobs.core.pool.PoolInfo> pools() {
    return java.util.List.of(lease.info());
  }
}

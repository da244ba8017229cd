package io.dataknobs.backend.elasticsearch;

import static io.dataknobs.backend.elasticsearch.StoredDocuments.body;
import static io.dataknobs.backend.elasticsearch.StoredDocuments.decode;
import static io.dataknobs.backend.elasticsearch.StoredDocuments.docId;
import static io.dataknobs.backend.elasticsearch.StoredDocuments.parseToken;
import static io.dataknobs.backend.elasticsearch.StoredDocuments.token;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.backend.elasticsearch.StoredDocuments.Source;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.codec.RecordCodec;
import io.dataknobs.core.pool.PoolLease;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final PoolLease<ElasticsearchConnections.Connection> lease;
  private final ElasticsearchClient client;
  private final String index;
  private final IndexLayout layout;
  private final Refresh refresh;
  private final BulkWrites bulk;
  private final IndexQueries queries;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final ThreadLocal<Boolean> deferRefresh = ThreadLocal.withInitial(() -> false);

  ElasticsearchDatabase(PoolLease<ElasticsearchConnections.Connection> lease, String index, IndexLayout layout, String refresh,
      int bulkSize) {
    this.lease = lease;
    this.client = lease.pool().client();
    this.index = index;
    this.layout = layout;
    this.refresh = "true".equals(refresh) ? Refresh.True : "wait_for".equals(refresh) ? Refresh.WaitFor : Refresh.False;
    this.bulk = new BulkWrites(client, index, bulkSize, this::writeRefresh);
    this.queries = new IndexQueries(client, index, layout);
  }

  // ---- refresh and errors ----------------------------------------------------------------------

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
    return ElasticsearchErrors.failure(index, what, e);
  }

  private static boolean conflict(ElasticsearchException e) {
    return e.status() == 409;
  }

  private RuntimeException writeFailure(String what, String id, ElasticsearchException e) {
    return ElasticsearchErrors.writeFailure(index, what, id, e);
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

  // ---- bulk writes (BulkWrites) ----------------------------------------------------------------

  /**
   * {@code op_type=create} in bulk; if any item fails, the ones that were created are deleted
   * again and the first failure in input order is thrown (rule 3).
   */
  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    BulkWrites.Failed failed = bulk.createAll(ids, records);
    if (failed != null && !failed.uncertain().isEmpty()) {
      throw incompleteBatch("createBatch of " + ids.size() + " records in index '" + index + "'", failed.uncertain(), failed.first());
    }
    if (failed != null) {
      throw failed.first();
    }
  }

  /** One bulk of index operations; a repeated id is written in input order, so the last one wins. */
  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    bulk.upsertAll(ids, records);
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

  // ---- queries (IndexQueries), each after this database's own writes are made visible -------------

  @Override
  protected List<Record> doSearch(io.dataknobs.api.query.Query query) {
    refreshIfDirty();
    return queries.search(query);
  }

  @Override
  protected long doCount(io.dataknobs.api.query.Query query) {
    refreshIfDirty();
    return queries.count(query);
  }

  @Override
  protected List<Record> doAggregate(io.dataknobs.api.query.Query query, List<Aggregation> aggregations) {
    refreshIfDirty();
    return queries.aggregate(query, aggregations);
  }

  @Override
  protected Stream<Record> doStreamRead(io.dataknobs.api.query.Query query, StreamConfig config) {
    refreshIfDirty();
    return queries.streamRead(query, config);
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

package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Sort;
import io.dataknobs.core.codec.RecordCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every hit of a query, in the given order, read through a point in time with
 * {@code search_after}, one page in memory at a time: no result window applies. The first page
 * is fetched on construction, with an optional filter aggregation telling whether any hit is
 * flagged as not exactly indexed ({@link #exact()}). {@link #close()} (also the stream's) closes
 * the point in time. Not thread-safe.
 */
final class PitCursor implements Iterator<Record>, AutoCloseable {
  private static final RecordCodec CODEC = RecordCodec.standard();
  private static final String KEEP_ALIVE = "2m";

  private final ElasticsearchClient client;
  private final Query query;
  private List<SortOptions> sort;
  private final int pageSize;
  private final String index;
  private String pit;
  private List<Hit<StoredDocuments.Source>> page = List.of();
  private int next;
  private boolean last;
  private final boolean exact;

  PitCursor(ElasticsearchClient client, String index, Query query, List<Sort> sorts, int pageSize, Query check) {
    this.client = client;
    this.index = index;
    this.query = query;
    this.pageSize = pageSize;
    try {
      pit = client.openPointInTime(p -> p.index(index).keepAlive(k -> k.time(KEEP_ALIVE))).id();
    } catch (IOException | ElasticsearchException e) {
      throw ElasticsearchErrors.failure(index, "opening a point in time", e);
    }
    try {
      List<SortOptions> s = new ArrayList<>(sortOf(sorts));
      s.add(SortOptions.of(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))); // unique tiebreaker
      this.sort = s;
      exact = !QueryTranslator.checkMatched(fetch(null, check));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The sort of this stream: the type ranks each sort key holds among the matches in this point
   * in time are looked up first (one small aggregation), so a single-typed key sorts on its typed
   * field alone and Elasticsearch can skip documents while paging, instead of collecting every
   * match again for every page.
   */
  private List<SortOptions> sortOf(List<Sort> sorts) {
    if (sorts.isEmpty()) {
      return List.of();
    }
    SearchRequest.Builder b = new SearchRequest.Builder().query(query).size(0).trackTotalHits(h -> h.enabled(false))
        .pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE)));
    for (int i = 0; i < sorts.size(); i++) {
      String field = "r." + IndexedFields.encodePath(sorts.get(i).field());
      b.aggregations("rank" + i, a -> a.terms(x -> x.field(field).size(8)));
    }
    SearchResponse<Void> r = search(b.build(), Void.class);
    List<Set<Integer>> ranks = new ArrayList<>();
    for (int i = 0; i < sorts.size(); i++) {
      Set<Integer> present = new TreeSet<>();
      var agg = r.aggregations().get("rank" + i);
      if (agg.isLterms()) {
        agg.lterms().buckets().array().forEach(x -> present.add((int) x.key()));
      } else if (!agg.isUmterms()) {
        return QueryTranslator.sortOptions(sorts);
      }
      ranks.add(present);
    }
    return QueryTranslator.sortOptions(sorts, ranks);
  }

  /** @return false if a hit is flagged as not exactly indexed on a path the query touches */
  boolean exact() {
    return exact;
  }

  private SearchResponse<StoredDocuments.Source> fetch(List<FieldValue> after, Query check) {
    SearchRequest.Builder b = new SearchRequest.Builder().query(query).size(pageSize).sort(sort)
        .pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE)))
        .source(s -> s.filter(f -> f.includes("doc"))).trackTotalHits(t -> t.enabled(false));
    if (after != null) {
      b.searchAfter(after);
    }
    QueryTranslator.addCheck(b, check);
    SearchResponse<StoredDocuments.Source> r = search(b.build(), StoredDocuments.Source.class);
    if (r.pitId() != null) {
      pit = r.pitId();
    }
    page = r.hits().hits();
    next = 0;
    last = page.size() < pageSize;
    return r;
  }

  private <T> SearchResponse<T> search(SearchRequest request, Class<T> type) {
    try {
      return client.search(request, type);
    } catch (IOException | ElasticsearchException e) {
      throw ElasticsearchErrors.failure(index, "search", e);
    }
  }

  @Override
  public boolean hasNext() {
    if (next < page.size()) {
      return true;
    }
    if (last || pit == null) {
      return false;
    }
    fetch(page.get(page.size() - 1).sort(), null);
    return next < page.size();
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return CODEC.fromDocument(page.get(next++).source().doc);
  }

  /** @return the hits as a stream that closes this cursor when closed */
  Stream<Record> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  @Override
  public void close() {
    String id = pit;
    pit = null;
    page = List.of();
    if (id != null) {
      try {
        client.closePointInTime(c -> c.id(id));
      } catch (IOException | ElasticsearchException e) {
        // the point in time expires on its own after its keep-alive
      }
    }
  }
}

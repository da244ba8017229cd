package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.backend.elasticsearch.StoredDocuments.Source;
import io.dataknobs.core.query.Aggregator;
import io.dataknobs.core.query.QueryEvaluator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The queries of one index, in filter context: a query whose translation is exact is answered
 * by Elasticsearch alone (sort, offset, limit, {@code _count}, a composite aggregation); one that
 * is not, or that meets a record whose touched values are not exactly indexed (checked in the
 * same request), by evaluating Elasticsearch's candidates in memory, one point-in-time page at a
 * time. The database makes its own writes visible before it asks.
 */
final class IndexQueries {
  private final ElasticsearchClient client;
  private final String index;
  private final IndexLayout layout;

  IndexQueries(ElasticsearchClient client, String index, IndexLayout layout) {
    this.client = client;
    this.index = index;
    this.layout = layout;
  }

  private SearchRequest.Builder searchOf(Query q) {
    return new SearchRequest.Builder().index(index).query(q).source(s -> s.filter(f -> f.includes("doc"))).trackTotalHits(t -> t.enabled(false));
  }

  private SearchResponse<Source> run(SearchRequest request) {
    try {
      return client.search(request, Source.class);
    } catch (IOException | ElasticsearchException e) {
      throw ElasticsearchErrors.failure(index, "search", e);
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

  /** @return the matches of {@code query}, in its order and page */
  List<Record> search(io.dataknobs.api.query.Query query) {
    if (query.limit() != null && query.limit() == 0) {
      return List.of();
    }
    QueryTranslator.Translation t = translate(query);
    if (t.exact()) {
      List<SortOptions> sort = QueryTranslator.sortOptions(query.sorts());
      Query check = t.unexactCheck();
      if (query.limit() != null && (long) query.offset() + query.limit() <= layout.resultWindow()) {
        SearchRequest.Builder b = searchOf(t.query()).from(query.offset()).size(query.limit()).sort(sort);
        QueryTranslator.addCheck(b, check);
        SearchResponse<Source> r = run(b.build());
        if (!QueryTranslator.checkMatched(r)) {
          List<Record> out = new ArrayList<>(r.hits().hits().size());
          r.hits().hits().forEach(h -> out.add(StoredDocuments.decode(h.source())));
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
  long count(io.dataknobs.api.query.Query query) {
    QueryTranslator.Translation t = translate(query);
    if (t.exact()) {
      Query check = t.unexactCheck();
      if (check == null) {
        try {
          return client.count(c -> c.index(index).query(t.query())).count();
        } catch (IOException | ElasticsearchException e) {
          throw ElasticsearchErrors.failure(index, "count", e);
        }
      }
      SearchRequest.Builder b = new SearchRequest.Builder().index(index).query(t.query()).size(0).trackTotalHits(h -> h.enabled(true));
      QueryTranslator.addCheck(b, check);
      SearchResponse<Source> r = run(b.build());
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
  List<Record> aggregate(io.dataknobs.api.query.Query query, List<Aggregation> aggregations) {
    List<Record> pushed = new NativeAggregation(client, index).run(query, translate(query.withoutSort()), aggregations);
    if (pushed != null) {
      return pushed;
    }
    io.dataknobs.api.query.Query filter = query.withoutPaging().withoutSort().withoutSelect();
    List<Record> matched;
    try (Stream<Record> s = streamRead(filter, StreamConfig.builder().bufferSize(1000).build())) {
      matched = s.toList();
    }
    return Aggregator.aggregate(query, aggregations, matched);
  }

  /**
   * Exact queries stream through a point in time in the query's order, {@code bufferSize} hits
   * per page; the others stream Elasticsearch's candidates through the in-memory evaluator (a
   * sorted one collects its matches first, as sorting needs them all).
   */
  Stream<Record> streamRead(io.dataknobs.api.query.Query query, StreamConfig config) {
    if (query.limit() != null && query.limit() == 0) {
      return Stream.empty();
    }
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
      return search(query).stream();
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
}

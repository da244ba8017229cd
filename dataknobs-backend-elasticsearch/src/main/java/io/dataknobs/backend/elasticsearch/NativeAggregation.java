package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StatsAggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.NamedValue;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.AggregateFunction;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.core.query.Aggregator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregations answered by Elasticsearch: a composite aggregation over the typed group fields
 * with {@code value_count} and {@code stats} per bucket, paged by {@code after_key}. It answers
 * only when the result is provably what {@link Aggregator} computes, and checks that in the
 * first request: group values must be strings, booleans, integers or missing; numbers summed
 * or compared must all be integers (so sums are exact below 2^53 and min/max keep their type);
 * no touched value may be flagged as not exactly indexed. Otherwise {@link #run} returns null
 * and the caller aggregates in memory.
 */
final class NativeAggregation {
  private static final int PAGE = 1000;
  private static final double EXACT_SUM = 9.007199254740992E15; // 2^53

  private final ElasticsearchClient client;
  private final String index;

  NativeAggregation(ElasticsearchClient client, String index) {
    this.client = client;
    this.index = index;
  }

  /** @return the aggregated group records (ordered and paged as {@link Aggregator} does), or null if not provably exact here */
  List<Record> run(io.dataknobs.api.query.Query query, QueryTranslator.Translation filter, List<Aggregation> aggregations) {
    if (!filter.exact()) {
      return null;
    }
    List<String> groupBy = query.groupBy();
    Set<String> paths = new LinkedHashSet<>(filter.paths());
    List<String> numeric = new ArrayList<>();
    for (String g : groupBy) {
      paths.add(IndexedFields.encodePath(g));
    }
    for (Aggregation a : aggregations) {
      if (a.field() != null) {
        String p = IndexedFields.encodePath(a.field());
        paths.add(p);
        if (a.function() != AggregateFunction.COUNT) {
          numeric.add(p);
        }
      }
    }
    List<Query> unsure = new ArrayList<>();
    Query flagged = new QueryTranslator.Translation(filter.query(), true, Set.copyOf(paths)).unexactCheck();
    if (flagged != null) {
      unsure.add(flagged);
    }
    for (String g : groupBy) {
      String p = IndexedFields.encodePath(g);
      Query plain = QueryTranslator.or(List.of(QueryTranslator.exists("k." + p), QueryTranslator.exists("b." + p),
          QueryTranslator.and(List.of(QueryTranslator.exists("n." + p), QueryTranslator.not(QueryTranslator.exists("nk." + p))))));
      unsure.add(QueryTranslator.and(List.of(QueryTranslator.exists("r." + p), QueryTranslator.not(plain))));
    }
    numeric.forEach(p -> unsure.add(QueryTranslator.exists("nk." + p)));

    Map<String, Object> after = null;
    List<Record> groups = new ArrayList<>();
    boolean first = true;
    while (true) {
      SearchResponse<Void> r = search(query, filter.query(), groupBy, aggregations, first && !unsure.isEmpty()
          ? QueryTranslator.or(unsure) : null, after);
      if (first && r.aggregations().containsKey("unsure") && r.aggregations().get("unsure").filter().docCount() > 0) {
        return null;
      }
      first = false;
      if (groupBy.isEmpty()) {
        Record g = group(groupBy, Map.of(), r.hits().total().value(), r.aggregations(), aggregations);
        if (g == null) {
          return null;
        }
        groups.add(g);
        break;
      }
      var composite = r.aggregations().get("groups").composite();
      for (CompositeBucket b : composite.buckets().array()) {
        Record g = group(groupBy, b.key(), b.docCount(), b.aggregations(), aggregations);
        if (g == null) {
          return null;
        }
        groups.add(g);
      }
      if (composite.afterKey() == null || composite.afterKey().isEmpty() || composite.buckets().array().size() < PAGE) {
        break;
      }
      after = new LinkedHashMap<>(composite.afterKey());
    }
    return Aggregator.finish(query, groups);
  }

  @SuppressWarnings("unchecked")
  private SearchResponse<Void> search(io.dataknobs.api.query.Query query, Query filter, List<String> groupBy,
      List<Aggregation> aggregations, Query unsure, Map<String, Object> after) {
    SearchRequest.Builder b = new SearchRequest.Builder().index(index).query(filter).size(0).trackTotalHits(t -> t.enabled(true));
    if (unsure != null) {
      b.aggregations("unsure", a -> a.filter(unsure));
    }
    Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregation> metrics = metrics(aggregations);
    if (groupBy.isEmpty()) {
      b.aggregations(metrics);
    } else {
      List<NamedValue<CompositeAggregationSource>> sources = new ArrayList<>();
      for (int i = 0; i < groupBy.size(); i++) {
        String p = IndexedFields.encodePath(groupBy.get(i));
        for (String kind : new String[] {"k", "b", "n"}) {
          String field = kind + "." + p;
          sources.add(NamedValue.of("g" + i + kind, CompositeAggregationSource.of(s -> s.terms(t -> t.field(field).missingBucket(true)))));
        }
      }
      b.aggregations("groups", a -> a.composite(c -> {
        c.size(PAGE).sources(sources);
        if (after != null) {
          c.after((Map<String, FieldValue>) (Map<String, ?>) after);
        }
        return c;
      }).aggregations(metrics));
    }
    try {
      return client.search(b.build(), Void.class);
    } catch (IOException | ElasticsearchException e) {
      throw new BackendUnavailableException("Elasticsearch aggregation on index '" + index + "' failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregation> metrics(List<Aggregation> aggregations) {
    Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregation> out = new LinkedHashMap<>();
    for (int i = 0; i < aggregations.size(); i++) {
      Aggregation a = aggregations.get(i);
      if (a.field() == null) {
        continue; // count(): the bucket's doc count
      }
      String p = IndexedFields.encodePath(a.field());
      out.put("m" + i, a.function() == AggregateFunction.COUNT
          ? co.elastic.clients.elasticsearch._types.aggregations.Aggregation.of(x -> x.valueCount(v -> v.field("r." + p)))
          : co.elastic.clients.elasticsearch._types.aggregations.Aggregation.of(x -> x.stats(s -> s.field("n." + p))));
    }
    return out;
  }

  /** @return one group record, or null if a sum is too large for doubles to have added exactly */
  private static Record group(List<String> groupBy, Map<String, FieldValue> key, long docs, Map<String, Aggregate> aggs,
      List<Aggregation> aggregations) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < groupBy.size(); i++) {
      Object v = null;
      FieldValue k = key.get("g" + i + "k");
      FieldValue bo = key.get("g" + i + "b");
      FieldValue n = key.get("g" + i + "n");
      if (k != null && !k.isNull()) {
        v = k.stringValue();
      } else if (bo != null && !bo.isNull()) {
        v = bo.isBoolean() ? bo.booleanValue() : "true".equals(bo._toJsonString()) || (bo.isLong() && bo.longValue() == 1);
      } else if (n != null && !n.isNull()) {
        v = n.isDouble() ? (long) n.doubleValue() : n.longValue();
      }
      Aggregator.putPath(data, groupBy.get(i), v);
    }
    for (int i = 0; i < aggregations.size(); i++) {
      Aggregation a = aggregations.get(i);
      if (a.field() == null) {
        data.put(a.alias(), docs);
        continue;
      }
      Aggregate m = aggs.get("m" + i);
      if (a.function() == AggregateFunction.COUNT) {
        data.put(a.alias(), Math.round(m.valueCount().value()));
        continue;
      }
      StatsAggregate s = m.stats();
      long count = s.count();
      double bound = count == 0 ? 0 : Math.max(Math.abs(s.min()), Math.abs(s.max()));
      if (bound * count >= EXACT_SUM) {
        return null;
      }
      long sum = Math.round(s.sum());
      switch (a.function()) {
        case SUM:
          data.put(a.alias(), sum);
          break;
        case AVG:
          data.put(a.alias(), count == 0 ? null
              : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).doubleValue());
          break;
        case MIN:
          data.put(a.alias(), count == 0 ? null : (Object) Math.round(s.min()));
          break;
        default:
          data.put(a.alias(), count == 0 ? null : (Object) Math.round(s.max()));
      }
    }
    return Record.of(data);
  }
}

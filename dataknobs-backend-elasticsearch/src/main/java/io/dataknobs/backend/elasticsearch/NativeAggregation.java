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
 * or compared must be integers or doubles, not decimals (integer-only sums are exact below 2^53
 * and stay {@code Long}; with doubles, a double sum in some order, as the reference's is);
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
    if (!paths.isEmpty()) {
      unsure.add(QueryTranslator.flagged(paths));
    }
    for (String g : groupBy) {
      String p = IndexedFields.encodePath(g);
      Query plain = QueryTranslator.or(List.of(QueryTranslator.exists("k." + p), QueryTranslator.exists("b." + p),
          QueryTranslator.and(List.of(QueryTranslator.exists("n." + p), QueryTranslator.not(QueryTranslator.exists("nk." + p))))));
      unsure.add(QueryTranslator.and(List.of(QueryTranslator.exists("r." + p), QueryTranslator.not(plain))));
    }
    numeric.forEach(p -> unsure.add(QueryTranslator.term("nk." + p, FieldValue.of(2)))); // BigDecimal sums are exact decimals

    Map<String, Object> after = null;
    List<Record> groups = new ArrayList<>();
    boolean first = true;
    while (true) {
      SearchResponse<Void> r = search(query, filter.query(), groupBy, aggregations, first && !unsure.isEmpty()
          ? QueryTranslator.or(unsure) : null, after);
      if (first && QueryTranslator.checkMatched(r)) {
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
    QueryTranslator.addCheck(b, unsure);
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
      throw ElasticsearchErrors.failure(index, "aggregation", e);
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
      if (a.function() == AggregateFunction.COUNT) {
        out.put("m" + i, co.elastic.clients.elasticsearch._types.aggregations.Aggregation.of(x -> x.valueCount(v -> v.field("r." + p))));
        continue;
      }
      // integers and doubles apart: an all-integer result keeps Long types and exact sums
      out.put("l" + i, co.elastic.clients.elasticsearch._types.aggregations.Aggregation.of(x -> x
          .filter(QueryTranslator.not(QueryTranslator.exists("nk." + p))).aggregations("s", y -> y.stats(t -> t.field("n." + p)))));
      out.put("d" + i, co.elastic.clients.elasticsearch._types.aggregations.Aggregation.of(x -> x
          .filter(QueryTranslator.term("nk." + p, FieldValue.of(1))).aggregations("s", y -> y.stats(t -> t.field("n." + p)))));
    }
    return out;
  }

  private static final Object NOT_EXACT = new Object();

  /** Integers only: Long results, sums exact while below 2^53 (else {@link #NOT_EXACT}). */
  private static Object longsOnly(AggregateFunction f, StatsAggregate s) {
    long count = s.count();
    double bound = count == 0 ? 0 : Math.max(Math.abs(s.min()), Math.abs(s.max()));
    if (bound * count >= EXACT_SUM) {
      return NOT_EXACT;
    }
    long sum = Math.round(s.sum());
    switch (f) {
      case SUM:
        return sum;
      case AVG:
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).doubleValue();
      case MIN:
        return count == 0 ? null : (Object) Math.round(s.min());
      default:
        return count == 0 ? null : (Object) Math.round(s.max());
    }
  }

  /**
   * With doubles the reference adds every value as a double, in record order, which is
   * unspecified without a sort; Elasticsearch's (compensated) sum is one such order. Min and max
   * keep the type of the value they come from.
   */
  private static Object withDoubles(AggregateFunction f, StatsAggregate longs, StatsAggregate doubles) {
    long count = longs.count() + doubles.count();
    double sum = longs.sum() + doubles.sum();
    switch (f) {
      case SUM:
        return sum;
      case AVG:
        return sum / count;
      case MIN:
        return longs.count() > 0 && longs.min() < doubles.min() ? (Object) Math.round(longs.min()) : doubles.min();
      default:
        return longs.count() > 0 && longs.max() > doubles.max() ? (Object) Math.round(longs.max()) : doubles.max();
    }
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
      if (a.function() == AggregateFunction.COUNT) {
        data.put(a.alias(), Math.round(aggs.get("m" + i).valueCount().value()));
        continue;
      }
      StatsAggregate longs = aggs.get("l" + i).filter().aggregations().get("s").stats();
      StatsAggregate doubles = aggs.get("d" + i).filter().aggregations().get("s").stats();
      Object value = doubles.count() > 0 ? withDoubles(a.function(), longs, doubles) : longsOnly(a.function(), longs);
      if (value == NOT_EXACT) {
        return null;
      }
      data.put(a.alias(), value);
    }
    return Record.of(data);
  }
}

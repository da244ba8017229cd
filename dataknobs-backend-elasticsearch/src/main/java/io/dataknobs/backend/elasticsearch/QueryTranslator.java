package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.dataknobs.api.query.Condition;
import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.FilterCondition;
import io.dataknobs.api.query.LogicCondition;
import io.dataknobs.api.query.Sort;
import io.dataknobs.core.query.Comparisons;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a condition into an Elasticsearch query in filter context over the fields of
 * {@link IndexedFields}. Each condition becomes two queries: a superset of its matches and a
 * subset; they agree on every record whose touched paths are exactly indexed, and differ only on
 * records flagged in {@code x}/{@code xs} (values a double or a keyword term cannot hold, lists,
 * maps, bytes). A {@code NOT} swaps them, so two-valued logic (rule 13) survives negation.
 * Operators Elasticsearch cannot express exactly ({@code REGEX}, equality with lists, maps or
 * bytes, numbers a double cannot hold) translate to a superset only and mark the translation
 * inexact: the caller then evaluates the candidates with the in-memory evaluator. Values reach
 * the engine only as JSON values of term, range, prefix and wildcard queries; field names only as
 * encoded paths (rule 20).
 */
final class QueryTranslator {
  private static final Logger LOG = LoggerFactory.getLogger(QueryTranslator.class);
  private static final Query ALL = Query.of(q -> q.matchAll(m -> m));
  private static final Query NONE = Query.of(q -> q.matchNone(m -> m));

  /** A condition's superset and subset queries. */
  private record Pair(Query sup, Query sub) {}

  /**
   * The translation of a condition (and the sort keys of its query).
   *
   * @param query the superset query to send
   * @param exact false if some part could only be approximated (the results must be re-evaluated in memory)
   * @param paths encoded paths touched by filters and sort keys, for {@link #unexactCheck()}
   */
  record Translation(Query query, boolean exact, Set<String> paths) {
    /** @return a query matching the records on which {@link #query()} may be approximate; null if none can be */
    Query unexactCheck() {
      return paths.isEmpty() ? null : flagged(paths);
    }
  }

  private final Set<String> paths = new LinkedHashSet<>();
  private boolean exact = true;

  private QueryTranslator() {}

  /** Translates {@code condition} (null: every record) together with the paths of {@code sorts}. */
  static Translation translate(Condition condition, List<Sort> sorts) {
    QueryTranslator t = new QueryTranslator();
    Query q = condition == null ? ALL : t.pair(condition).sup;
    for (Sort s : sorts) {
      t.paths.add(IndexedFields.encodePath(s.field()));
    }
    return new Translation(q, t.exact, Set.copyOf(t.paths));
  }

  /** @return the sort options of {@code sorts}: per key the type rank, then each typed field; missing values last */
  static List<SortOptions> sortOptions(List<Sort> sorts) {
    return sortOptions(sorts, null);
  }

  /**
   * The sort options of {@code sorts}, knowing which type ranks the sorted records hold per key
   * ({@code ranks.get(i)}; null: unknown). A key whose records hold one type sorts on that typed
   * field alone, so Elasticsearch can skip non-competitive documents while paging; a key they
   * lack entirely is left out (all ties); otherwise the rank comes first, then each typed field.
   */
  static List<SortOptions> sortOptions(List<Sort> sorts, List<Set<Integer>> ranks) {
    List<SortOptions> out = new ArrayList<>();
    for (int i = 0; i < sorts.size(); i++) {
      Sort s = sorts.get(i);
      String p = IndexedFields.encodePath(s.field());
      SortOrder order = s.order() == io.dataknobs.api.query.SortOrder.DESC ? SortOrder.Desc : SortOrder.Asc;
      Set<Integer> r = ranks == null ? null : ranks.get(i);
      if (r != null && r.isEmpty()) {
        continue;
      }
      if (r != null && r.size() == 1 && r.iterator().next() <= 3) {
        switch (r.iterator().next()) {
          case 0:
            sortKey(out, "n." + p, order, FieldType.Double);
            break;
          case 1:
            sortKey(out, "k." + p, order, FieldType.Keyword);
            break;
          case 2:
            sortKey(out, "b." + p, order, FieldType.Boolean);
            break;
          default:
            sortKey(out, "t." + p, order, FieldType.Keyword);
        }
        continue;
      }
      // unmapped_type must be the mapped type, or shards that lack the field disagree on sort types
      sortKey(out, "r." + p, order, FieldType.Byte);
      sortKey(out, "n." + p, order, FieldType.Double);
      sortKey(out, "k." + p, order, FieldType.Keyword);
      sortKey(out, "b." + p, order, FieldType.Boolean);
      sortKey(out, "t." + p, order, FieldType.Keyword);
    }
    return out;
  }

  private static void sortKey(List<SortOptions> out, String field, SortOrder order, FieldType type) {
    out.add(SortOptions.of(o -> o.field(fs -> fs.field(field).order(order).missing("_last").unmappedType(type))));
  }

  private Pair pair(Condition c) {
    if (c instanceof FilterCondition) {
      return filter(((FilterCondition) c).filter());
    }
    LogicCondition l = (LogicCondition) c;
    List<Pair> parts = new ArrayList<>();
    for (Condition child : l.conditions()) {
      parts.add(pair(child));
    }
    switch (l.operator()) {
      case AND:
        return new Pair(and(map(parts, Pair::sup)), and(map(parts, Pair::sub)));
      case OR:
        return new Pair(or(map(parts, Pair::sup)), or(map(parts, Pair::sub)));
      default: // NOT: none of them holds
        return new Pair(and(map(parts, p -> not(p.sub))), and(map(parts, p -> not(p.sup))));
    }
  }

  private static List<Query> map(List<Pair> parts, Function<Pair, Query> f) {
    List<Query> out = new ArrayList<>(parts.size());
    parts.forEach(p -> out.add(f.apply(p)));
    return out;
  }

  private Pair filter(Filter f) {
    String p = IndexedFields.encodePath(f.field());
    paths.add(p);
    Object v = f.value();
    switch (f.operator()) {
      case EXISTS:
        return exactly(p, exists("r." + p));
      case NOT_EXISTS:
        return negate(exactly(p, exists("r." + p)));
      case EQ:
        return eq(p, v, f);
      case NEQ:
        return both(exactly(p, exists("r." + p)), negate(eq(p, v, f)));
      case IN:
        return in(p, (Collection<?>) v, f);
      case NOT_IN:
        return both(exactly(p, exists("r." + p)), negate(in(p, (Collection<?>) v, f)));
      case GT:
      case GTE:
      case LT:
      case LTE:
        return range(p, f.operator(), v, f);
      case BETWEEN: {
        List<?> b = (List<?>) v;
        return both(range(p, io.dataknobs.api.query.Operator.GTE, b.get(0), f), range(p, io.dataknobs.api.query.Operator.LTE, b.get(1), f));
      }
      case NOT_BETWEEN: {
        List<?> b = (List<?>) v;
        Pair inside = both(range(p, io.dataknobs.api.query.Operator.GTE, b.get(0), f),
            range(p, io.dataknobs.api.query.Operator.LTE, b.get(1), f));
        return both(both(comparable(p, b.get(0), f), comparable(p, b.get(1), f)), negate(inside));
      }
      case LIKE:
        if (!IndexedFields.indexable((String) v)) {
          return approximate(p, exists("k." + p), f);
        }
        return exactly(p, like(p, (String) v));
      case NOT_LIKE:
        if (!IndexedFields.indexable((String) v)) {
          return approximate(p, exists("k." + p), f);
        }
        return both(exactly(p, exists("k." + p)), negate(exactly(p, like(p, (String) v))));
      case STARTS_WITH: {
        String prefix = (String) v;
        if (!IndexedFields.indexable(prefix) || prefix.length() > MAX_PREFIX) {
          return approximate(p, exists("k." + p), f);
        }
        return exactly(p, prefix.isEmpty() ? exists("k." + p)
            : Query.of(q -> q.prefix(x -> x.field("k." + p).value(prefix))));
      }
      default: // REGEX: Lucene's regular expressions are anchored and differ from Java's
        return approximate(p, exists("k." + p), f);
    }
  }

  private Pair eq(String p, Object v, Filter f) {
    if (Comparisons.isNumber(v)) {
      if (!IndexedFields.exactAsDouble(v)) {
        return approximate(p, exists("r." + p), f);
      }
      return exactly(p, term("n." + p, FieldValue.of(((Number) v).doubleValue())));
    }
    if (v instanceof String) {
      if (!IndexedFields.indexable((String) v)) {
        return exactly(p, NONE); // only a flagged (unindexed) string can be this long
      }
      return exactly(p, or(List.of(term("k." + p, FieldValue.of((String) v)), term("tk." + p, FieldValue.of((String) v)))));
    }
    if (v instanceof Boolean) {
      return exactly(p, term("b." + p, FieldValue.of((Boolean) v)));
    }
    if (v instanceof Instant || v instanceof LocalDate) {
      return exactly(p, term("t." + p, FieldValue.of(IndexedFields.instantKey(v))));
    }
    if (v == null) {
      return new Pair(NONE, NONE);
    }
    return approximate(p, exists("r." + p), f); // bytes, lists, maps
  }

  /**
   * Above this many values an IN would pass Elasticsearch's clause limit (indices.query.bool.
   * max_clause_count, a few thousand by heap size): such a list selects candidates that hold the
   * field at all, and the reference evaluator decides.
   */
  static final int MAX_IN_CLAUSES = 1_000;

  /** Elasticsearch refuses a prefix query whose prefix passes 1,000 characters. */
  static final int MAX_PREFIX = 1_000;

  private Pair in(String p, Collection<?> options, Filter f) {
    if (options.size() > MAX_IN_CLAUSES) {
      return approximate(p, exists("r." + p), f);
    }
    List<Query> sup = new ArrayList<>();
    List<Query> sub = new ArrayList<>();
    for (Object o : options) {
      Pair e = eq(p, o, f);
      sup.add(e.sup);
      sub.add(e.sub);
    }
    return new Pair(or(sup), or(sub));
  }

  /** Stored values the range operators can compare with {@code v} (rule 14: other types never match). */
  private Pair comparable(String p, Object v, Filter f) {
    if (Comparisons.isNumber(v)) {
      return IndexedFields.exactAsDouble(v) ? exactly(p, exists("n." + p)) : approximate(p, exists("r." + p), f);
    }
    if (v instanceof String) {
      return exactly(p, or(List.of(exists("k." + p), exists("tk." + p))));
    }
    if (v instanceof Instant || v instanceof LocalDate) {
      return exactly(p, exists("t." + p));
    }
    return new Pair(NONE, NONE);
  }

  private Pair range(String p, io.dataknobs.api.query.Operator op, Object v, Filter f) {
    if (Comparisons.isNumber(v)) {
      if (!IndexedFields.exactAsDouble(v)) {
        return approximate(p, exists("n." + p), f);
      }
      double d = ((Number) v).doubleValue();
      return exactly(p, Query.of(q -> q.range(r -> r.number(n -> bound(n.field("n." + p), op, d)))));
    }
    if (v instanceof String) {
      String s = (String) v;
      if (!IndexedFields.indexable(s)) {
        return approximate(p, or(List.of(exists("k." + p), exists("tk." + p))), f);
      }
      return exactly(p, or(List.of(Query.of(q -> q.range(r -> r.term(t -> bound(t.field("k." + p), op, s)))),
          Query.of(q -> q.range(r -> r.term(t -> bound(t.field("tk." + p), op, s)))))));
    }
    if (v instanceof Instant || v instanceof LocalDate) {
      String key = IndexedFields.instantKey(v);
      return exactly(p, Query.of(q -> q.range(r -> r.term(t -> bound(t.field("t." + p), op, key)))));
    }
    return new Pair(NONE, NONE);
  }

  private static <T, B extends co.elastic.clients.elasticsearch._types.query_dsl.RangeQueryBase.AbstractBuilder<T, B>> B bound(
      B b, io.dataknobs.api.query.Operator op, T v) {
    switch (op) {
      case GT:
        return b.gt(v);
      case GTE:
        return b.gte(v);
      case LT:
        return b.lt(v);
      default:
        return b.lte(v);
    }
  }

  /** LIKE as a case-insensitive wildcard: {@code %} → {@code *}, {@code _} → {@code ?}, the rest literal. */
  private static Query like(String p, String pattern) {
    if (pattern.isEmpty()) {
      return term("k." + p, FieldValue.of("")); // an empty wildcard matches nothing, the empty pattern matches ""
    }
    StringBuilder w = new StringBuilder(pattern.length() + 4);
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%') {
        w.append('*');
      } else if (c == '_') {
        w.append('?');
      } else {
        if (c == '*' || c == '?' || c == '\\') {
          w.append('\\');
        }
        w.append(c);
      }
    }
    String value = w.toString();
    return Query.of(q -> q.wildcard(x -> x.field("k." + p).value(value).caseInsensitive(true)));
  }

  /** An exactly expressed clause: records flagged for {@code p} are candidates, never certain matches. */
  private static Pair exactly(String p, Query c) {
    Query flagged = flagged(List.of(p));
    return new Pair(or(List.of(c, flagged)), and(List.of(c, not(flagged))));
  }

  /** Records whose value at one of {@code paths} (or below an ancestor of one) is not exactly indexed. */
  static Query flagged(Collection<String> paths) {
    Set<String> ancestors = new LinkedHashSet<>();
    paths.forEach(p -> ancestors.addAll(IndexedFields.withAncestors(p)));
    return or(List.of(terms("x", new LinkedHashSet<>(paths)), terms("xs", ancestors)));
  }

  /** The name of the filter aggregation that counts the matches of a {@link #flagged} check. */
  private static final String CHECK = "flagged";

  /** Adds {@code check} (null: none) to a search as a filter aggregation counting its matches. */
  static void addCheck(co.elastic.clients.elasticsearch.core.SearchRequest.Builder b, Query check) {
    if (check != null) {
      b.aggregations(CHECK, a -> a.filter(check));
    }
  }

  /** @return true if the search's {@link #addCheck} aggregation matched a record (false if it had none) */
  static boolean checkMatched(co.elastic.clients.elasticsearch.core.SearchResponse<?> r) {
    var agg = r.aggregations().get(CHECK);
    return agg != null && agg.filter().docCount() > 0;
  }

  /** A clause Elasticsearch cannot express: {@code candidates} is a superset; the results need re-evaluation. */
  private Pair approximate(String p, Query candidates, Filter f) {
    exact = false;
    LOG.debug("filter {} {} on '{}' is evaluated in memory (not expressible exactly in Elasticsearch)", f.operator(),
        f.value() == null ? "null" : f.value().getClass().getSimpleName(), f.field());
    return new Pair(or(List.of(candidates, flagged(List.of(p)))), NONE);
  }

  private static Pair both(Pair a, Pair b) {
    return new Pair(and(List.of(a.sup, b.sup)), and(List.of(a.sub, b.sub)));
  }

  private static Pair negate(Pair a) {
    return new Pair(not(a.sub), not(a.sup));
  }

  static Query exists(String field) {
    return Query.of(q -> q.exists(e -> e.field(field)));
  }

  static Query term(String field, FieldValue v) {
    return Query.of(q -> q.term(t -> t.field(field).value(v)));
  }

  static Query terms(String field, Set<String> values) {
    List<FieldValue> vs = new ArrayList<>();
    values.forEach(v -> vs.add(FieldValue.of(v)));
    return Query.of(q -> q.terms(t -> t.field(field).terms(tf -> tf.value(vs))));
  }

  static Query and(List<Query> qs) {
    if (qs.isEmpty()) {
      return ALL;
    }
    return qs.size() == 1 ? qs.get(0) : Query.of(q -> q.bool(b -> b.filter(qs)));
  }

  static Query or(List<Query> qs) {
    if (qs.isEmpty()) {
      return NONE;
    }
    return qs.size() == 1 ? qs.get(0) : Query.of(q -> q.bool(b -> b.should(qs).minimumShouldMatch("1")));
  }

  static Query not(Query q) {
    return Query.of(x -> x.bool(b -> b.mustNot(q)));
  }
}

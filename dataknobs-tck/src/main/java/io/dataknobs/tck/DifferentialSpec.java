package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Condition;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.SortOrder;
import io.dataknobs.api.stream.StreamConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rules 12–22, differentially: jqwik draws records (odd field names, mixed types, nested maps,
 * lists, numbers at the edges) and queries (nested AND/OR/NOT, every operator, mixed-type
 * operands, multi-key sorts, offsets, limits, projections), and {@code search}, {@code count},
 * {@code streamRead} and {@code aggregate} of the backend must answer as the kit's reference
 * evaluator does over the same records.
 *
 * <p>The seed and the budget are fixed so CI is repeatable: {@code -Ddataknobs.tck.fuzz.seed=N}
 * replays another draw, {@code -Ddataknobs.tck.fuzz.queries=N} runs longer (default 120). A
 * failure names the seed, the query and the ids that differ.
 */
public abstract class DifferentialSpec extends TckSpec {
  private static final String[] FIELDS = {"a", "b c", "ü", "$d", "n.x", "l", "g", "id"};
  private static final String[] SORTABLE = {"a", "b c", "ü", "n.x", "g"};
  private static final String[] PATTERNS = {"a", "^a", "b$", "[ab]+", "ü", "a.b", "\\d", "A|b", "^$"};
  private static final Operator[] OPERATORS = Operator.values();

  private final long seed = Long.getLong("dataknobs.tck.fuzz.seed", 20_261_130L);
  private final int queries = Integer.getInteger("dataknobs.tck.fuzz.queries", 120);

  private static Arbitrary<Object> scalar() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(-3, 3).map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(-1.5, 0.0, 0.5, 1.0, 2.5, 1e300).map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(new BigDecimal("2.50"), new BigDecimal("-0.1"), new BigDecimal("3")).map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(9_007_199_254_740_993L, 9_007_199_254_740_992L, Long.MIN_VALUE).map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(4, Arbitraries.strings().withChars("aAb%_ü1 ").ofMaxLength(3).map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("2024-01-01T00:00:00Z", "10", "").map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(v -> (Object) v)));
  }

  private static Arbitrary<Object> value() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, scalar()),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(1, scalar().list().ofMaxSize(2).map(v -> (Object) v)));
  }

  private static Arbitrary<Record> record(int i) {
    Arbitrary<Map<String, Object>> nested = value().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", v);
      return m;
    });
    return net.jqwik.api.Combinators.combine(value().optional(), value().optional(), value().optional(), value().optional(),
        nested.optional(), value().optional(), Arbitraries.of("g1", "g2", "g3").injectNull(0.2).optional())
        .as((a, b, u, d, n, l, g) -> {
          Record.Builder r = Record.builder().id(String.format("r%02d", i));
          a.ifPresent(v -> r.put("a", v));
          b.ifPresent(v -> r.put("b c", v));
          u.ifPresent(v -> r.put("ü", v));
          d.ifPresent(v -> r.put("$d", v));
          n.ifPresent(v -> r.put("n", v));
          l.ifPresent(v -> r.put("l", v));
          g.ifPresent(v -> r.put("g", v));
          return r.build();
        });
  }

  private static Arbitrary<Condition> leaf() {
    Arbitrary<String> field = Arbitraries.of(FIELDS);
    Arbitrary<Operator> op = Arbitraries.of(OPERATORS);
    return net.jqwik.api.Combinators.combine(field, op, scalar(), scalar(), scalar().list().ofMaxSize(4),
        Arbitraries.strings().withChars("aAb%_ü").ofMaxLength(3), Arbitraries.of(PATTERNS))
        .as((f, o, v, w, list, text, pattern) -> switch (o) {
          case EXISTS, NOT_EXISTS -> Condition.of(f, o, null);
          case IN, NOT_IN -> Condition.of(f, o, list);
          case BETWEEN, NOT_BETWEEN -> Condition.of(f, o, List.of(v, w));
          case LIKE, NOT_LIKE, STARTS_WITH -> Condition.of(f, o, text);
          case REGEX -> Condition.of(f, o, pattern);
          default -> Condition.of(f, o, v);
        });
  }

  private static Arbitrary<Condition> condition(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Arbitrary<List<Condition>> children = condition(depth - 1).list().ofMinSize(0).ofMaxSize(3);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf()),
        net.jqwik.api.Tuple.of(2, children.map(c -> Condition.and(c.toArray(new Condition[0])))),
        net.jqwik.api.Tuple.of(2, children.map(c -> Condition.or(c.toArray(new Condition[0])))),
        net.jqwik.api.Tuple.of(1, children.filter(c -> !c.isEmpty()).map(c -> Condition.not(c.toArray(new Condition[0])))));
  }

  private static Arbitrary<Query> query() {
    Arbitrary<List<String>> sorts = Arbitraries.of(SORTABLE).list().ofMaxSize(2);
    return net.jqwik.api.Combinators.combine(condition(2), sorts, Arbitraries.of(true, false).list().ofSize(2),
        Arbitraries.integers().between(0, 5).injectDuplicates(0.5), Arbitraries.integers().between(0, 12).injectNull(0.4),
        Arbitraries.of(true, false, false))
        .as((c, sortFields, desc, offset, limit, project) -> {
          Query q = Query.all().where(c);
          for (int i = 0; i < sortFields.size(); i++) {
            q = q.sort(sortFields.get(i), desc.get(i) ? SortOrder.DESC : SortOrder.ASC);
          }
          q = q.sort("id"); // a total order: the reference and the backend must agree on every position
          if (offset > 0) {
            q = q.offset(offset);
          }
          if (limit != null) {
            q = q.limit(limit);
          }
          return project ? q.select("a", "g") : q;
        });
  }

  /** @return 40 drawn records, stored in the database under test */
  private List<Record> stored(Random random) {
    List<Record> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(draw(record(i), random));
    }
    db.createBatch(all);
    return all;
  }

  private <T> T draw(Arbitrary<T> a, Random random) {
    return a.generator(50).next(random).value();
  }

  @Test
  @DisplayName("rules 12-22: search, count and streamRead answer as the reference evaluator on drawn records and queries")
  void rule12_differentialQueries() {
    Random random = new Random(seed);
    JqwikSession.start();
    try {
      List<Record> all = stored(random);
      ReferenceEvaluator reference = ReferenceEvaluator.find();
      for (int k = 0; k < queries; k++) {
        Query q = draw(query(), random);
        String where = "seed " + seed + ", query " + k + ": " + q;
        List<Record> expected = reference.search(q, all);
        assertThat(db.search(q)).as("search, " + where).containsExactlyElementsOf(expected);
        assertThat(db.count(q)).as("count, " + where).isEqualTo(reference.count(q, all));
        try (Stream<Record> s = db.streamRead(q, StreamConfig.builder().bufferSize(3).build())) {
          assertThat(s.toList()).as("streamRead, " + where).containsExactlyElementsOf(expected);
        }
      }
    } finally {
      JqwikSession.finish();
    }
  }

  @Test
  @DisplayName("rule 21: aggregate answers as the reference evaluator on drawn records and filters")
  void rule21_differentialAggregates() {
    Random random = new Random(seed + 1);
    JqwikSession.start();
    try {
      List<Record> all = stored(random);
      ReferenceEvaluator reference = ReferenceEvaluator.find();
      List<Aggregation> aggregations = List.of(Aggregation.count(), Aggregation.count("a"), Aggregation.sum("a"), Aggregation.avg("a"),
          Aggregation.min("a"), Aggregation.max("a"));
      for (int k = 0; k < Math.max(10, queries / 4); k++) {
        Query q = Query.all().where(draw(condition(1), random));
        Query grouped = k % 2 == 0 ? q.groupBy("g") : q;
        String where = "seed " + (seed + 1) + ", aggregate " + k + ": " + grouped;
        List<Map<String, Object>> expected = canonical(reference.aggregate(grouped, aggregations, all));
        List<Map<String, Object>> actual = canonical(db.aggregate(grouped, aggregations.toArray(new Aggregation[0])));
        assertThat(actual).as(where).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
          assertThat(actual.get(i).keySet()).as(where).isEqualTo(expected.get(i).keySet());
          for (String key : expected.get(i).keySet()) {
            Object e = expected.get(i).get(key);
            Object a = actual.get(i).get(key);
            if (e instanceof Double || a instanceof Double) {
              assertThat(a).as(where + " " + key).isInstanceOf(Number.class);
              assertThat(((Number) a).doubleValue()).as(where + " " + key)
                  .isCloseTo(((Number) e).doubleValue(), org.assertj.core.data.Percentage.withPercentage(1e-9));
            } else {
              assertThat(a).as(where + " " + key).isEqualTo(e);
            }
          }
        }
      }
    } finally {
      JqwikSession.finish();
    }
  }

  /** Aggregate rows as maps, numbers widened the same way, ordered by their group key. */
  private static List<Map<String, Object>> canonical(List<Record> rows) {
    return rows.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>(r.data());
      m.replaceAll((k, v) -> v instanceof BigDecimal b ? b.doubleValue() : v);
      return m;
    }).sorted(Comparator.comparing(m -> String.valueOf(m.get("g")))).collect(Collectors.toList());
  }
}

package io.dataknobs.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Condition;
import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.FilterCondition;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.SortOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Algebraic properties of the reference evaluator over random records and filters. */
class QueryEvaluatorPropertiesTest {

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-5, 5).map(l -> (Object) l),
        Arbitraries.doubles().between(-5, 5).ofScale(1).map(d -> (Object) d),
        Arbitraries.bigDecimals().between(BigDecimal.valueOf(-5), BigDecimal.valueOf(5)).ofScale(2).map(d -> (Object) d),
        Arbitraries.of("a", "B", "ab", "a_b", "%", "", "Ünï").map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<List<Record>> records() {
    Arbitrary<Record> one = Combinators.combine(values(), values(), Arbitraries.of(true, false))
        .as((v, w, present) -> {
          Map<String, Object> m = new HashMap<>();
          if (present) {
            m.put("v", v);
          }
          m.put("w", w);
          return Record.of(m);
        });
    return one.list().ofMaxSize(25).map(list -> {
      List<Record> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(list.get(i).withId(String.format("id%03d", i)));
      }
      return out;
    });
  }

  @Provide
  Arbitrary<Filter> filters() {
    Arbitrary<Operator> ops = Arbitraries.of(Operator.EQ, Operator.NEQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE,
        Operator.EXISTS, Operator.NOT_EXISTS);
    return Combinators.combine(Arbitraries.of("v", "w"), ops, values().filter(x -> x != null))
        .as(Filter::new);
  }

  @Property(tries = 300)
  void notIsTheComplementAndNegativeOperatorsNeedAValue(@ForAll("records") List<Record> records, @ForAll("filters") Filter f) {
    Condition c = new FilterCondition(f);
    for (Record r : records) {
      boolean holds = QueryEvaluator.compile(c).test(r);
      assertThat(QueryEvaluator.compile(Condition.not(c)).test(r)).isEqualTo(!holds);
      if (r.get(f.field()) == null && f.operator() != Operator.NOT_EXISTS) {
        assertThat(holds).as("two-valued logic: %s on a missing value", f).isFalse();
      }
    }
  }

  @Property(tries = 300)
  void eqAndNeqPartitionPresentValues(@ForAll("records") List<Record> records, @ForAll("values") Object value) {
    if (value == null) {
      return;
    }
    long eq = QueryEvaluator.count(Query.all().filter("v", Operator.EQ, value), records);
    long neq = QueryEvaluator.count(Query.all().filter("v", Operator.NEQ, value), records);
    long present = QueryEvaluator.count(Query.all().filter("v", Operator.EXISTS, null), records);
    assertThat(eq + neq).isEqualTo(present);
  }

  @Property(tries = 300)
  void pagingSlicesTheSortedResult(@ForAll("records") List<Record> records, @ForAll @IntRange(max = 30) int offset,
      @ForAll @IntRange(max = 30) int limit, @ForAll SortOrder order) {
    Query sorted = Query.all().sort("v", order).sort("id");
    List<Record> all = QueryEvaluator.apply(sorted, records);
    List<Record> page = QueryEvaluator.apply(sorted.offset(offset).limit(limit), records);
    int from = Math.min(offset, all.size());
    assertThat(page).containsExactlyElementsOf(all.subList(from, Math.min(all.size(), from + limit)));
    assertThat(all).hasSameSizeAs(records);
    int firstNull = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).get("v") == null && firstNull < 0) {
        firstNull = i;
      }
      if (firstNull >= 0) {
        assertThat(all.get(i).get("v")).as("nulls last").isNull();
      }
      if (i > 0 && all.get(i).get("v") != null && all.get(i - 1).get("v") != null) {
        int c = Comparisons.compareForSort(all.get(i - 1).get("v"), all.get(i).get("v"));
        assertThat(order == SortOrder.ASC ? c : -c).isLessThanOrEqualTo(0);
      }
    }
  }

  @Property(tries = 500)
  void likeWithoutWildcardsIsCaseInsensitiveEquality(@ForAll("plainStrings") String a, @ForAll("plainStrings") String b) {
    assertThat(QueryEvaluator.likePattern(a).matcher(b).matches()).isEqualTo(a.equalsIgnoreCase(b));
    assertThat(QueryEvaluator.likePattern(a + "%").matcher(b).matches())
        .isEqualTo(b.length() >= a.length() && b.substring(0, a.length()).equalsIgnoreCase(a));
  }

  @Provide
  Arbitrary<String> plainStrings() {
    return Arbitraries.strings().withChars("aAbB.*[]()^$\\?+{}|").ofMaxLength(4);
  }

  @Property(tries = 500)
  void codePointOrderMatchesForBmpStrings(@ForAll("bmp") String a, @ForAll("bmp") String b) {
    assertThat(Integer.signum(Comparisons.compareStrings(a, b))).isEqualTo(Integer.signum(a.compareTo(b)));
  }

  @Provide
  Arbitrary<String> bmp() {
    return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(5);
  }

  @net.jqwik.api.Example
  void surrogatePairsSortAfterHighBmpCharacters() {
    assertThat(Comparisons.compareStrings("\uD834\uDD1E", "\uFFFD")).isPositive();
    assertThat("\uD834\uDD1E".compareTo("\uFFFD")).isNegative();
  }
}

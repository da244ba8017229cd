package io.dataknobs.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The shortcuts the reference evaluator takes for common values answer as its general rules do. */
class ComparisonsTest {

  @Provide
  Arbitrary<Double> finite() {
    return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(-5, 5).ofScale(1),
        Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 0.2, 0.3, 0.1 + 0.2));
  }

  @Property(tries = 1000)
  void finiteDoublesCompareAsTheirExactValues(@ForAll("finite") double x, @ForAll("finite") double y) {
    assertThat(Comparisons.compareNumbers(x, y)).isEqualTo(Integer.signum(new BigDecimal(x).compareTo(new BigDecimal(y))));
  }

  @Provide
  Arbitrary<List<Object>> numbers() {
    return number().list().ofMinSize(1).ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<Object>> longLists() {
    return number().list().ofMinSize(17).ofMaxSize(30);
  }

  @Provide
  Arbitrary<Object> number() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-3, 3).map(l -> (Object) l),
        Arbitraries.of(9_007_199_254_740_992L, 9_007_199_254_740_993L, 90_071_992_547_409_930L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 60)
            .map(l -> (Object) l),
        Arbitraries.of(-0.0, 0.0, 0.5, 1.0, 3.0, 0.1, 9.007199254740992E15, 0x1p60, 0x1p63, -0x1p63, 9.007199254740993E16).map(d -> (Object) d),
        Arbitraries.of("0", "0.00", "1.0", "3.000", "0.5", "0.1", "0.100", "9007199254740993", "9.007199254740993E+16",
            "1152921504606846976", "9223372036854775807", "-9223372036854775808", "1E+3").map(t -> (Object) new BigDecimal(t)));
  }

  /** A list of more than sixteen values is hashed: membership still follows equality. */
  @Property(tries = 500)
  void aLongInListMatchesExactlyTheEqualNumbers(@ForAll("longLists") List<Object> options, @ForAll("number") Object probe) {
    java.util.function.Predicate<Record> in = QueryEvaluator.compile(
        Query.all().filter("n", io.dataknobs.api.query.Operator.IN, options).condition());
    assertThat(in.test(Record.of(Map.of("n", probe)))).isEqualTo(options.stream().anyMatch(o -> Comparisons.equal(probe, o)));
  }

  /** Grouping by a numeric field: records share a group exactly when their numbers are equal (decimal 0.1 and double 0.1 too). */
  @Property(tries = 500)
  void numbersShareAGroupExactlyWhenEqual(@ForAll("numbers") List<Object> values) {
    List<Record> records = values.stream().map(v -> Record.of(Map.of("n", v))).toList();
    java.util.Set<BigDecimal> distinct = new java.util.TreeSet<>();
    for (Object v : values) {
      // numbers compare as decimals, a double as its shortest decimal form
      distinct.add(v instanceof Double d ? BigDecimal.valueOf(d) : v instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) v);
    }
    assertThat(Aggregator.aggregate(Query.all().groupBy("n"), List.of(Aggregation.count()), records)).hasSize(distinct.size());
  }

  @Test
  void negativeZeroEqualsZeroAndMixedNumbersStayExact() {
    assertThat(Comparisons.compareNumbers(-0.0, 0.0)).isZero();
    assertThat(Comparisons.equal(-0.0, 0.0)).isTrue();
    assertThat(Comparisons.compareNumbers(9_007_199_254_740_993L, 9_007_199_254_740_992.0)).isPositive();
    assertThat(Comparisons.compareNumbers(Double.NaN, Double.MAX_VALUE)).isPositive();
  }

  @Test
  void textAndBooleansEqualOnlyTheirOwnClass() {
    assertThat(Comparisons.equal("c3", "c3")).isTrue();
    assertThat(Comparisons.equal("c3", "c4")).isFalse();
    assertThat(Comparisons.equal("3", 3L)).isFalse();
    assertThat(Comparisons.equal(true, true)).isTrue();
    assertThat(Comparisons.equal(true, 1L)).isFalse();
    assertThat(Comparisons.equal("x", List.of("x"))).isFalse();
    // a stored ISO string against an Instant operand still compares as instants
    assertThat(Comparisons.equal("2026-12-01T00:00:00Z", Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
  }

  @Test
  void sumsStayExactWithoutDoublesAndFollowDoublesWithThem() {
    List<Record> exact = List.of(Record.of(Map.of("g", "a", "n", new BigDecimal("0.1"))), Record.of(Map.of("g", "a", "n", new BigDecimal("0.2"))),
        Record.of(Map.of("g", "a", "n", 1L)));
    Record e = Aggregator.aggregate(Query.all().groupBy("g"), List.of(Aggregation.sum("n"), Aggregation.min("n"), Aggregation.max("n")), exact)
        .get(0);
    assertThat(e.get("sum_n")).isEqualTo(new BigDecimal("1.3"));
    assertThat(e.get("min_n")).isEqualTo(new BigDecimal("0.1"));
    assertThat(e.get("max_n")).isEqualTo(1L);
    List<Record> doubles = List.of(Record.of(Map.of("g", "a", "n", 0.1)), Record.of(Map.of("g", "a", "n", 0.2)),
        Record.of(Map.of("g", "a", "n", 2L)), Record.of(Map.of("g", "a", "n", -0.0)));
    Record d = Aggregator.aggregate(Query.all().groupBy("g"), List.of(Aggregation.sum("n"), Aggregation.avg("n"), Aggregation.min("n"),
        Aggregation.max("n")), doubles).get(0);
    assertThat(d.get("sum_n")).isEqualTo(0.1 + 0.2 + 2.0 + -0.0);
    assertThat(d.get("avg_n")).isEqualTo((0.1 + 0.2 + 2.0 + -0.0) / 4);
    assertThat(d.get("min_n")).isEqualTo(-0.0);
    assertThat(d.get("max_n")).isEqualTo(2L);
  }
}

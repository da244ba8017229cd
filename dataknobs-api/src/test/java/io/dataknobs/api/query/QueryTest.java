package io.dataknobs.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.QueryException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void malformedInputIsRejectedAtOnceNamingWhatWasWrong() {
    assertThatThrownBy(() -> Query.all().filter("age", Operator.BETWEEN, List.of(1))).isInstanceOf(QueryException.class)
        .hasMessageContaining("age").hasMessageContaining("BETWEEN");
    assertThatThrownBy(() -> Query.all().filter("tags", Operator.IN, "x")).isInstanceOf(QueryException.class)
        .hasMessageContaining("tags");
    assertThatThrownBy(() -> Query.all().filter("a", "nearly", 1)).isInstanceOf(QueryException.class)
        .hasMessageContaining("nearly").hasMessageContaining("STARTS_WITH");
    assertThatThrownBy(() -> Query.all().filter("a", Operator.EQ, null)).isInstanceOf(QueryException.class)
        .hasMessageContaining("EXISTS");
    assertThatThrownBy(() -> Query.all().filter("a", Operator.LIKE, 5)).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.all().filter("a..b", Operator.EQ, 1)).isInstanceOf(QueryException.class)
        .hasMessageContaining("a..b");
    assertThatThrownBy(() -> Query.all().offset(-1)).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.all().sort("", SortOrder.ASC)).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.fromMap(Map.of("filterz", List.of()))).isInstanceOf(QueryException.class)
        .hasMessageContaining("filterz");
    assertThatThrownBy(() -> Aggregation.sum("x").as("a.b")).isInstanceOf(QueryException.class);
  }

  @Test
  void operatorsParseNamesAndSymbols() {
    assertThat(Operator.parse(">=")).isEqualTo(Operator.GTE);
    assertThat(Operator.parse("not in")).isEqualTo(Operator.NOT_IN);
    assertThat(Operator.parse("starts_with")).isEqualTo(Operator.STARTS_WITH);
    assertThat(Operator.parse("Like")).isEqualTo(Operator.LIKE);
    assertThat(Operator.parse("!=")).isEqualTo(Operator.NEQ);
  }

  @Test
  void queriesAreImmutableValues() {
    Query base = Query.all().filter("a", Operator.EQ, 1);
    Query more = base.filter("b", Operator.GT, 2).sort("a").limit(5);
    assertThat(base.filters()).hasSize(1);
    assertThat(base.limit()).isNull();
    assertThat(more).isEqualTo(Query.all().filter("a", Operator.EQ, 1L).filter("b", ">", 2).sort("a", SortOrder.ASC).limit(5));
    assertThat(more.hashCode()).isEqualTo(Query.fromMap(more.toMap()).hashCode());
    assertThat(Aggregation.count().alias()).isEqualTo("count");
    assertThat(Aggregation.sum("a.b").alias()).isEqualTo("sum_a_b");
    assertThat(Aggregation.count("x").as("n").alias()).isEqualTo("n");
  }

  @Test
  void canonicalFormIsStable() {
    Query q = Query.all().filter("a", Operator.IN, List.of(1, 2)).where(Condition.or(Condition.of("b", Operator.EXISTS, null),
        Condition.not(Condition.of("c", Operator.LIKE, "x%")))).sort("d", SortOrder.DESC).offset(3).limit(4).select("a", "b")
        .groupBy("g");
    Map<String, Object> m = q.toMap();
    assertThat(m.keySet()).containsExactly("filters", "where", "sort", "limit", "offset", "select", "groupBy");
    assertThat(Query.fromMap(m)).isEqualTo(q);
    assertThat(Query.fromMap(m).toMap()).isEqualTo(m);
    assertThat(Query.all().toMap()).isEmpty();
  }

  @Property(tries = 300)
  void mapFormRoundTrips(@ForAll("queries") Query q) {
    assertThat(Query.fromMap(q.toMap())).isEqualTo(q);
  }

  @Provide
  Arbitrary<Query> queries() {
    Arbitrary<String> fields = Arbitraries.of("a", "b.c", "id", "metadata.m", "x y");
    Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.longs().map(l -> (Object) l), Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.of(Instant.EPOCH, Instant.parse("2024-01-01T00:00:00Z")).map(i -> (Object) i));
    Arbitrary<Filter> filters = Combinators.combine(fields, Arbitraries.of(Operator.EQ, Operator.NEQ, Operator.GT, Operator.LTE), values)
        .as(Filter::new);
    return Combinators.combine(filters.list().ofMaxSize(3), Arbitraries.integers().between(0, 50).injectNull(0.3),
        Arbitraries.integers().between(0, 10), fields.list().ofMaxSize(2), Arbitraries.of(SortOrder.class))
        .as((fs, limit, offset, sorts, order) -> {
          Query q = Query.all();
          for (Filter f : fs) {
            q = q.filter(f);
          }
          for (String s : sorts) {
            q = q.sort(s, order);
          }
          if (!fs.isEmpty()) {
            q = q.where(Condition.not(new FilterCondition(fs.get(0))));
          }
          return limit == null ? q.offset(offset) : q.offset(offset).limit(limit);
        });
  }
}

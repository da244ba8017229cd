package io.dataknobs.tck;

import static io.dataknobs.api.query.Aggregation.avg;
import static io.dataknobs.api.query.Aggregation.count;
import static io.dataknobs.api.query.Aggregation.max;
import static io.dataknobs.api.query.Aggregation.min;
import static io.dataknobs.api.query.Aggregation.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 21: aggregations. */
public abstract class AggregationSpec extends TckSpec {

  private void sales() {
    store(rec("s1", "region", "east", "amount", 10, "email", "a@x"),
        rec("s2", "region", "east", "amount", 2.5, "email", null),
        rec("s3", "region", "west", "amount", 7),
        rec("s4", "region", "west", "amount", "n/a", "email", "d@x"),
        rec("s5", "region", "east", "amount", 20, "email", "e@x"),
        rec("s6", "amount", 1),
        rec("s7", "region", "north", "amount", null));
  }

  private static Map<Object, Record> byGroup(List<Record> groups, String field) {
    Map<Object, Record> m = new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    groups.forEach(g -> m.put(g.get(field), g));
    return m;
  }

  @Test
  @DisplayName("rule 21: one record per group with count, sum, avg, min, max")
  void rule21_groupBy() {
    sales();
    List<Record> groups = db.aggregate(Query.all().groupBy("region"), count(), sum("amount"), avg("amount"),
        min("amount"), max("amount"), count("email").as("emails"));
    assertThat(groups).hasSize(4);
    Map<Object, Record> g = byGroup(groups, "region");
    Record east = g.get("east");
    assertThat(east.get("count")).isEqualTo(3L);
    assertThat(((Number) east.get("sum_amount")).doubleValue()).isEqualTo(32.5);
    assertThat(((Number) east.get("avg_amount")).doubleValue()).isCloseTo(32.5 / 3, within(1e-9));
    assertThat(((Number) east.get("min_amount")).doubleValue()).isEqualTo(2.5);
    assertThat(((Number) east.get("max_amount")).doubleValue()).isEqualTo(20.0);
    assertThat(east.get("emails")).isEqualTo(2L);
    Record west = g.get("west");
    assertThat(west.get("count")).isEqualTo(2L);
    assertThat(((Number) west.get("sum_amount")).longValue()).as("non-numeric values are ignored").isEqualTo(7);
    assertThat(((Number) west.get("avg_amount")).doubleValue()).isEqualTo(7.0);
    Record north = g.get("north");
    assertThat(north.get("count")).isEqualTo(1L);
    assertThat(north.get("avg_amount")).as("avg of no values").isNull();
    assertThat(north.get("min_amount")).isNull();
    assertThat(north.get("max_amount")).isNull();
    Record none = g.get(null);
    assertThat(none).as("records lacking the group field form a group").isNotNull();
    assertThat(none.get("count")).isEqualTo(1L);
  }

  @Test
  @DisplayName("rule 21: filters apply before grouping; without groupBy one record")
  void rule21_filtersFirst() {
    sales();
    List<Record> groups = db.aggregate(Query.all().filter("region", Operator.IN, List.of("east", "west"))
        .filter("amount", Operator.GT, 5).groupBy("region"), count(), sum("amount").as("total"));
    Map<Object, Record> g = byGroup(groups, "region");
    assertThat(g).containsOnlyKeys("east", "west");
    assertThat(g.get("east").get("count")).isEqualTo(2L);
    assertThat(((Number) g.get("east").get("total")).longValue()).isEqualTo(30);
    assertThat(g.get("west").get("count")).isEqualTo(1L);

    List<Record> all = db.aggregate(Query.all(), count(), sum("amount"), avg("missing_field"));
    assertThat(all).hasSize(1);
    assertThat(all.get(0).get("count")).isEqualTo(7L);
    assertThat(((Number) all.get(0).get("sum_amount")).doubleValue()).isEqualTo(40.5);
    assertThat(all.get(0).get("avg_missing_field")).isNull();
  }

  @Test
  @DisplayName("rule 21: numbers equal across types group together; several group fields")
  void rule21_multiKey() {
    store(rec("a", "y", 2020, "q", 1, "v", 1), rec("b", "y", 2020.0, "q", 1, "v", 2), rec("c", "y", 2020, "q", 2, "v", 3),
        rec("d", "y", 2021, "q", 1, "v", 4));
    List<Record> groups = db.aggregate(Query.all().groupBy("y", "q"), count(), sum("v"));
    assertThat(groups).hasSize(3);
    assertThat(groups).anySatisfy(r -> {
      assertThat(((Number) r.get("y")).longValue()).isEqualTo(2020);
      assertThat(r.get("q")).isEqualTo(1L);
      assertThat(r.get("count")).isEqualTo(2L);
      assertThat(((Number) r.get("sum_v")).longValue()).isEqualTo(3);
    });
    assertThat(db.aggregate(Query.all().filter("v", Operator.GT, 100), count()).get(0).get("count")).isEqualTo(0L);
  }

  @Test
  @DisplayName("rule 21: temporal, list and mixed group values group as the values they are")
  void rule21_typedGroupValues() {
    java.time.Instant at = java.time.Instant.parse("2024-01-02T03:04:05Z");
    java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 2);
    store(rec("a", "k", at, "v", 1), rec("b", "k", at, "v", 2), rec("c", "k", day, "v", 3), rec("d", "k", List.of(1, 2), "v", 4),
        rec("e", "k", List.of(1, 2), "v", 5), rec("f", "k", "2024-01-02T03:04:05Z", "v", 6), rec("g", "k", true, "v", 7));
    List<Record> groups = db.aggregate(Query.all().groupBy("k"), count(), sum("v"));
    assertThat(groups).hasSize(5);
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo(at);
      assertThat(g.get("count")).isEqualTo(2L);
      assertThat(((Number) g.get("sum_v")).longValue()).isEqualTo(3);
    });
    assertThat(groups).anySatisfy(g -> assertThat(g.get("k")).isEqualTo(day));
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo(List.of(1L, 2L));
      assertThat(g.get("count")).isEqualTo(2L);
    });
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo("2024-01-02T03:04:05Z");
      assertThat(g.get("count")).isEqualTo(1L);
    });
    assertThat(groups).anySatisfy(g -> assertThat(g.get("k")).isEqualTo(true));
  }

  @Test
  @DisplayName("rule 21: a sum is an integer when every value is one; min and max answer a value as stored; 1 and 1.0 are one group, true and \"1\" others")
  void rule21_resultTypes() {
    java.time.Instant at = java.time.Instant.parse("2024-01-02T03:04:05Z");
    // "instant" is a field name here and a type hint's value in records holding an Instant elsewhere
    store(rec("a", "g", "mixed", "v", 1, "instant", "x", "when", at), rec("b", "g", "mixed", "v", 2.5, "instant", "x"),
        rec("c", "g", "ints", "v", 3, "instant", "y", "when", at), rec("d", "g", "ints", "v", 4, "instant", "y"),
        rec("e", "g", 1, "v", 5), rec("f", "g", 1.0, "v", 6), rec("h", "g", true, "v", 7), rec("i", "g", "1", "v", 8));
    List<Record> groups = db.aggregate(Query.all().groupBy("g"), count(), sum("v"), min("v"), max("v"));
    assertThat(groups).hasSize(5);
    Map<Object, Record> g = byGroup(groups, "g");
    Record mixed = g.get("mixed");
    assertThat(mixed.get("sum_v")).isEqualTo(3.5);
    assertThat(mixed.get("min_v")).as("the smallest value, an integer, even beside a fractional one").isEqualTo(1L);
    assertThat(mixed.get("max_v")).isEqualTo(2.5);
    Record ints = g.get("ints");
    assertThat(ints.get("sum_v")).isEqualTo(7L);
    assertThat(ints.get("min_v")).isEqualTo(3L);
    assertThat(ints.get("max_v")).isEqualTo(4L);
    assertThat(groups).anySatisfy(r -> {
      assertThat(r.get("g")).isInstanceOf(Number.class);
      assertThat(((Number) r.get("g")).doubleValue()).isEqualTo(1.0);
      assertThat(r.get("count")).as("1 and 1.0 are one group").isEqualTo(2L);
      assertThat(r.get("sum_v")).isEqualTo(11L);
    });
    assertThat(groups).anySatisfy(r -> assertThat(r.get("g")).isEqualTo(true));
    assertThat(groups).anySatisfy(r -> {
      assertThat(r.get("g")).isEqualTo("1");
      assertThat(r.get("count")).isEqualTo(1L);
    });
    Map<Object, Record> byName = byGroup(db.aggregate(Query.all().groupBy("instant"), count()), "instant");
    assertThat(byName.get("x").get("count")).isEqualTo(2L);
    assertThat(byName.get("y").get("count")).isEqualTo(2L);
    assertThat(byName.get(null).get("count")).isEqualTo(4L);
  }

  @Test
  @DisplayName("rule 21: false and 0, an array and a string holding its JSON, are groups of their own")
  void rule21_lookalikeGroupValues() {
    store(rec("a", "k", false, "v", 1), rec("b", "k", 0, "v", 2), rec("c", "k", "[1,2]", "v", 3), rec("d", "k", List.of(1, 2), "v", 4),
        rec("e", "k", "false", "v", 5), rec("f", "k", 0, "v", 6));
    List<Record> groups = db.aggregate(Query.all().groupBy("k"), count(), sum("v"));
    assertThat(groups).hasSize(5);
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo(false);
      assertThat(g.get("sum_v")).isEqualTo(1L);
    });
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isInstanceOf(Number.class);
      assertThat(g.get("count")).isEqualTo(2L);
      assertThat(g.get("sum_v")).isEqualTo(8L);
    });
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo("[1,2]");
      assertThat(g.get("sum_v")).isEqualTo(3L);
    });
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo(List.of(1L, 2L));
      assertThat(g.get("sum_v")).isEqualTo(4L);
    });
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.get("k")).isEqualTo("false");
      assertThat(g.get("sum_v")).isEqualTo(5L);
    });
    List<Record> scalars = db.aggregate(Query.all().filter("v", Operator.NOT_IN, List.of(3, 4)).groupBy("k"), count());
    assertThat(scalars).as("without the array, SQL answers it").hasSize(3);
  }

  @Test
  @DisplayName("rule 21: aggregation over many records")
  void rule21_volume() {
    db.createBatch(numbered(5000));
    List<Record> groups = db.aggregate(Query.all().groupBy("mod7"), count(), sum("n"), min("n"), max("n"));
    assertThat(groups).hasSize(7);
    long total = 0;
    for (Record g : groups) {
      total += (Long) g.get("count");
      long mod = ((Number) g.get("mod7")).longValue();
      assertThat(((Number) g.get("min_n")).longValue()).isEqualTo(mod);
    }
    assertThat(total).isEqualTo(5000);
    long sum = groups.stream().mapToLong(g -> ((Number) g.get("sum_n")).longValue()).sum();
    assertThat(sum).isEqualTo(4999L * 5000 / 2);
  }
}

package io.dataknobs.tck;

import static io.dataknobs.api.query.Condition.and;
import static io.dataknobs.api.query.Condition.not;
import static io.dataknobs.api.query.Condition.of;
import static io.dataknobs.api.query.Condition.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.QueryException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Condition;
import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.SortOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules 12–20: queries. */
public abstract class QuerySpec extends TckSpec {

  private List<String> find(Query q) {
    return ids(db.search(q));
  }

  private List<String> where(String field, Operator op, Object value) {
    List<String> found = new ArrayList<>(idSet(db.search(Query.all().filter(field, op, value))));
    assertThat(db.count(Query.all().filter(field, op, value))).as("count agrees with search").isEqualTo(found.size());
    return found;
  }

  private List<String> where(Condition c) {
    return new ArrayList<>(idSet(db.search(Query.all().where(c))));
  }

  @Test
  @DisplayName("rule 12: the path id is the storage id compared as a string")
  void rule12_idAsString() {
    for (String id : List.of("1", "2", "10", "20", "100")) {
      db.create(rec(id, "id_copy", Long.parseLong(id)));
    }
    assertThat(where("id", Operator.GT, "2")).containsExactly("20");
    assertThat(where("id", Operator.EQ, "10")).containsExactly("10");
    assertThat(where("id", Operator.IN, List.of("1", "100", "x"))).containsExactly("1", "100");
    assertThat(where("id", Operator.EQ, 10)).as("a string id never equals a number").isEmpty();
    assertThat(find(Query.all().sort("id"))).containsExactly("1", "10", "100", "2", "20");
  }

  @Test
  @DisplayName("rule 12: dotted paths walk nested maps; metadata.x reads metadata")
  void rule12_paths() {
    db.create(Record.builder().id("n1").put("a", Map.of("b", Map.of("c", 5))).metadata("owner", "ann").build());
    db.create(Record.builder().id("n2").put("a", Map.of("b", 7)).metadata("owner", "bob").build());
    db.create(Record.builder().id("n3").put("a", "flat").build());
    assertThat(where("a.b.c", Operator.EQ, 5)).containsExactly("n1");
    assertThat(where("a.b", Operator.EQ, 7)).containsExactly("n2");
    assertThat(where("a.b.c", Operator.EXISTS, null)).containsExactly("n1");
    assertThat(where("metadata.owner", Operator.EQ, "bob")).containsExactly("n2");
    assertThat(where("metadata.owner", Operator.NOT_EXISTS, null)).containsExactly("n3");
  }

  private void twoValuedData() {
    store(rec("has", "f", "x", "n", 5), rec("other", "f", "y", "n", 50), rec("nul", "f", null, "n", null),
        rec("missing", "g", 1));
  }

  @Test
  @DisplayName("rule 13: negative operators never match a missing or null field")
  void rule13_negativesSkipMissing() {
    twoValuedData();
    assertThat(where("f", Operator.NEQ, "x")).containsExactly("other");
    assertThat(where("f", Operator.NOT_IN, List.of("x"))).containsExactly("other");
    assertThat(where("f", Operator.NOT_LIKE, "x%")).containsExactly("other");
    assertThat(where("n", Operator.NOT_BETWEEN, List.of(0, 10))).containsExactly("other");
  }

  @Test
  @DisplayName("rule 13: NOT(EQ) matches records lacking the field; EXISTS and NOT_EXISTS")
  void rule13_notAndExists() {
    twoValuedData();
    assertThat(where(not(of("f", Operator.EQ, "x")))).containsExactly("missing", "nul", "other");
    assertThat(where(not(of("n", Operator.GT, 10)))).containsExactly("has", "missing", "nul");
    assertThat(where("f", Operator.EXISTS, null)).containsExactly("has", "other");
    assertThat(where("f", Operator.NOT_EXISTS, null)).containsExactly("missing", "nul");
    assertThat(where(not(of("f", Operator.NEQ, "x")))).containsExactly("has", "missing", "nul");
    assertThat(where(not(of("f", Operator.EXISTS, null)))).containsExactly("missing", "nul");
  }

  @Test
  @DisplayName("rule 14: a number range matches numbers only, nested too, and NOT of it everything else")
  void rule14_rangesOverEveryKindOfValue() {
    store(rec("long", "v", 60), rec("double", "v", 50.5), rec("decimal", "v", new BigDecimal("99.10")), rec("low", "v", 49.99),
        rec("text", "v", "60"), rec("bool", "v", true), rec("array", "v", List.of(60)), rec("object", "v", Map.of("v", 60)),
        rec("nul", "v", null), rec("missing", "w", 60), rec("nested", "v", Map.of("x", 70)), rec("nestedText", "v", Map.of("x", "70")));
    assertThat(where("v", Operator.GTE, 50)).containsExactlyInAnyOrder("long", "double", "decimal");
    assertThat(where("v", Operator.GT, 50.5)).containsExactlyInAnyOrder("long", "decimal");
    assertThat(where("v", Operator.LT, 99.1)).containsExactlyInAnyOrder("long", "double", "low");
    assertThat(where("v", Operator.LTE, new BigDecimal("99.1"))).containsExactlyInAnyOrder("long", "double", "decimal", "low");
    assertThat(where(not(of("v", Operator.GTE, 50)))).containsExactlyInAnyOrder("low", "text", "bool", "array", "object", "nul",
        "missing", "nested", "nestedText");
    assertThat(where("v.x", Operator.GT, 69)).containsExactly("nested");
    assertThat(db.count(Query.all().filter("v", Operator.GTE, -1e300))).isEqualTo(4);
  }

  @Test
  @DisplayName("rule 14: numbers compare numerically across Long, Double and BigDecimal")
  void rule14_numericEquality() {
    store(rec("long", "v", 1), rec("double", "v", 1.0), rec("decimal", "v", new BigDecimal("1.00")),
        rec("string", "v", "1"), rec("bool", "v", true), rec("two", "v", 2.5));
    assertThat(where("v", Operator.EQ, 1)).containsExactly("decimal", "double", "long");
    assertThat(where("v", Operator.EQ, 1.0)).containsExactly("decimal", "double", "long");
    assertThat(where("v", Operator.EQ, new BigDecimal("1"))).containsExactly("decimal", "double", "long");
    assertThat(where("v", Operator.EQ, "1")).containsExactly("string");
    assertThat(where("v", Operator.EQ, true)).containsExactly("bool");
    assertThat(where("v", Operator.IN, List.of(2.5, "1"))).containsExactly("string", "two");
    assertThat(where("v", Operator.NEQ, 1)).containsExactly("bool", "string", "two");
    assertThat(where("v", Operator.GT, 1)).containsExactly("two");
    assertThat(where("v", Operator.GTE, 1)).containsExactly("decimal", "double", "long", "two");
    assertThat(where("v", Operator.LT, 2)).containsExactly("decimal", "double", "long");
  }

  @Test
  @DisplayName("rule 14: strings compare by code point, case-sensitive; incomparable types never match")
  void rule14_stringOrder() {
    store(rec("A", "s", "Apple"), rec("a", "s", "apple"), rec("b", "s", "banana"), rec("n", "s", 10),
        rec("z", "s", "Zebra"), rec("u", "s", "ünicode"));
    assertThat(where("s", Operator.GT, "Zebra")).containsExactly("a", "b", "u");
    assertThat(where("s", Operator.LT, "a")).containsExactly("A", "z");
    assertThat(where("s", Operator.LTE, "apple")).containsExactly("A", "a", "z");
    assertThat(where("s", Operator.GT, 5)).containsExactly("n");
    assertThat(where("s", Operator.GT, "")).containsExactly("A", "a", "b", "u", "z");
  }

  @Test
  @DisplayName("rule 14: Instant and LocalDate filters compare chronologically with temporals and ISO strings")
  void rule14_temporal() {
    store(rec("i2020", "t", Instant.parse("2020-06-01T00:00:00Z")),
        rec("i2022", "t", Instant.parse("2022-06-01T12:00:00Z")),
        rec("s2021", "t", "2021-06-01T00:00:00Z"),
        rec("d2023", "t", LocalDate.of(2023, 1, 1)),
        rec("sd2019", "t", "2019-01-01"),
        rec("word", "t", "not a date"),
        rec("num", "t", 2021));
    assertThat(where("t", Operator.GT, Instant.parse("2021-01-01T00:00:00Z"))).containsExactly("d2023", "i2022", "s2021");
    assertThat(where("t", Operator.LT, LocalDate.of(2021, 1, 1))).containsExactly("i2020", "sd2019");
    assertThat(where("t", Operator.BETWEEN, List.of(LocalDate.of(2020, 6, 1), Instant.parse("2022-06-01T12:00:00Z"))))
        .containsExactly("i2020", "i2022", "s2021");
    assertThat(where("t", Operator.EQ, Instant.parse("2020-06-01T00:00:00Z"))).containsExactly("i2020");
  }

  @Test
  @DisplayName("rule 15: BETWEEN is inclusive on both ends")
  void rule15_between() {
    db.createBatch(numbered(20));
    assertThat(where("n", Operator.BETWEEN, List.of(5, 8))).containsExactly("r00005", "r00006", "r00007", "r00008");
    assertThat(where("n", Operator.BETWEEN, List.of(5.5, 6.0))).containsExactly("r00006");
    assertThat(where("n", Operator.NOT_BETWEEN, List.of(1, 18))).containsExactly("r00000", "r00019");
    assertThat(where("tag", Operator.BETWEEN, List.of("t1", "t2"))).hasSize(13);
  }

  @Test
  @DisplayName("rule 15: malformed BETWEEN, IN and operators are rejected when the query is built")
  void rule15_malformed() {
    assertThatThrownBy(() -> Query.all().filter("n", Operator.BETWEEN, 5)).isInstanceOf(QueryException.class)
        .hasMessageContaining("BETWEEN").hasMessageContaining("n");
    assertThatThrownBy(() -> Query.all().filter("n", Operator.BETWEEN, List.of(1, 2, 3))).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.all().filter("n", Operator.NOT_BETWEEN, List.of(1))).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.all().filter("n", Operator.IN, "abc")).isInstanceOf(QueryException.class)
        .hasMessageContaining("IN");
    assertThatThrownBy(() -> Query.all().filter("n", Operator.NOT_IN, 5)).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.all().filter("n", "approximately", 5)).isInstanceOf(QueryException.class)
        .hasMessageContaining("approximately");
    assertThatThrownBy(() -> Operator.parse("~~")).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> new Filter("s", Operator.REGEX, "(unclosed")).isInstanceOf(QueryException.class)
        .hasMessageContaining("(unclosed");
    assertThatThrownBy(() -> Query.all().filter("", Operator.EQ, 1)).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> Query.all().limit(-1)).isInstanceOf(QueryException.class);
  }

  private void textData() {
    store(rec("t1", "s", "Hello World"), rec("t2", "s", "hello"), rec("t3", "s", "a_b/1"), rec("t4", "s", "axb/1"),
        rec("t5", "s", "100% sure"), rec("t6", "s", "1000 sure"), rec("t7", "s", "a.c"), rec("t8", "s", "abc"),
        rec("t9", "s", "[x]"), rec("num", "s", 500), rec("code", "code", 500), rec("nl", "s", "line1\nline2"));
  }

  @Test
  @DisplayName("rule 16: LIKE is anchored and case-insensitive; % and _ are the only wildcards")
  void rule16_like() {
    textData();
    assertThat(where("s", Operator.LIKE, "hello%")).containsExactly("t1", "t2");
    assertThat(where("s", Operator.LIKE, "HELLO")).containsExactly("t2");
    assertThat(where("s", Operator.LIKE, "%world")).containsExactly("t1");
    assertThat(where("s", Operator.LIKE, "a_b/1")).containsExactly("t3", "t4");
    assertThat(where("s", Operator.LIKE, "a.c")).containsExactly("t7");
    assertThat(where("s", Operator.LIKE, "[x]")).containsExactly("t9");
    assertThat(where("s", Operator.LIKE, "line1%")).containsExactly("nl");
    assertThat(where("s", Operator.LIKE, "%")).hasSize(10).doesNotContain("num", "code");
    assertThat(where("s", Operator.NOT_LIKE, "%sure")).doesNotContain("t5", "t6", "num", "code").hasSize(8);
  }

  @Test
  @DisplayName("rule 16: STARTS_WITH is a literal, case-sensitive prefix")
  void rule16_startsWith() {
    textData();
    assertThat(where("s", Operator.STARTS_WITH, "a_b/")).containsExactly("t3");
    assertThat(where("s", Operator.STARTS_WITH, "100%")).containsExactly("t5");
    assertThat(where("s", Operator.STARTS_WITH, "hello")).containsExactly("t2");
    assertThat(where("s", Operator.STARTS_WITH, "Hello")).containsExactly("t1");
    assertThat(where("s", Operator.STARTS_WITH, "")).hasSize(10).doesNotContain("num");
    assertThat(where("code", Operator.STARTS_WITH, "500")).as("never matches a number").isEmpty();
    assertThat(where("s", Operator.STARTS_WITH, "50")).isEmpty();
  }

  @Test
  @DisplayName("rule 16: REGEX is an unanchored, case-sensitive search that ignores non-strings")
  void rule16_regex() {
    textData();
    assertThat(where("s", Operator.REGEX, "llo")).containsExactly("t1", "t2");
    assertThat(where("s", Operator.REGEX, "^h")).containsExactly("t2");
    assertThat(where("s", Operator.REGEX, "W.rld$")).containsExactly("t1");
    assertThat(where("s", Operator.REGEX, "[0-9]{4}")).containsExactly("t6");
    assertThat(where("code", Operator.REGEX, "500")).isEmpty();
    assertThat(where("s", Operator.REGEX, "^5")).isEmpty();
  }

  @Test
  @DisplayName("rule 16: REGEX keeps Java's reading where an engine's regex dialect differs or refuses (counts beyond its caps)")
  void rule16_regexBeyondEngineDialects() {
    textData();
    List<String> expected = where("s", Operator.REGEX, "l{1,2}o");
    assertThat(expected).isNotEmpty();
    assertThat(where("s", Operator.REGEX, "l{1,99999}o")).isEqualTo(expected);
    assertThat(where("s", Operator.REGEX, "l{1,256}o")).isEqualTo(expected);
    assertThat(where("s", Operator.REGEX, "x{1001}")).isEmpty();
    assertThat(where("s", Operator.REGEX, "\\{1,99999}")).isEmpty();
    assertThat(where("s", Operator.LIKE, "")).as("the empty LIKE pattern matches only the empty string").isEmpty();
    db.create(rec("e0", "s", ""));
    assertThat(where("s", Operator.LIKE, "")).containsExactly("e0");
    assertThat(where("s", Operator.NOT_LIKE, "")).doesNotContain("e0").contains("t1");
    assertThat(where("s", Operator.STARTS_WITH, "Hello World" + " ".repeat(1_200))).isEmpty();
    assertThatThrownBy(() -> new Filter("s", Operator.REGEX, "a{2,1}")).isInstanceOf(QueryException.class).hasMessageContaining("a{2,1}");
  }

  @Test
  @DisplayName("rule 14: IN and NOT_IN with 100,000 values, and an OR of such lists, answer like short ones")
  void rule14_hugeLists() {
    List<Record> data = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      data.add(rec(String.format("h%03d", i), "n", i % 3 == 0 ? (Object) (long) i : i % 3 == 1 ? (Object) (i + 0.5) : "s" + i, "k", "s" + i));
    }
    db.createBatch(data);
    List<Object> strings = new java.util.ArrayList<>();
    List<Object> numbers = new java.util.ArrayList<>();
    List<Object> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      strings.add("s" + (i * 2));
      numbers.add(i % 2 == 0 ? (Object) (long) i : (Object) (i + 0.5));
      ids.add(String.format("h%03d", i * 5));
    }
    java.util.function.IntPredicate evenK = i -> i % 2 == 0;
    assertThat(where("k", Operator.IN, strings)).hasSize((int) java.util.stream.IntStream.range(0, 300).filter(evenK).count());
    assertThat(where("k", Operator.NOT_IN, strings)).hasSize(150);
    // n: longs at i % 3 == 0 (matched when even), x.5 at i % 3 == 1 (matched when i odd), strings "s<i>" at i % 3 == 2 (when even)
    long expectedN = java.util.stream.IntStream.range(0, 300)
        .filter(i -> i % 3 == 0 && i % 2 == 0 || i % 3 == 1 && i % 2 == 1).count();
    assertThat(where("n", Operator.IN, numbers)).hasSize((int) expectedN);
    assertThat(where("n", Operator.NOT_IN, numbers)).hasSize(300 - (int) expectedN);
    List<Object> mixed = new java.util.ArrayList<>(numbers);
    mixed.addAll(strings);
    mixed.add(true);
    long expectedMixed = expectedN + java.util.stream.IntStream.range(0, 300).filter(i -> i % 3 == 2 && i % 2 == 0).count();
    assertThat(where("n", Operator.IN, mixed)).hasSize((int) expectedMixed);
    assertThat(where("id", Operator.IN, ids)).hasSize(60);
    assertThat(where("id", Operator.NOT_IN, ids)).hasSize(240);
    assertThat(where(or(of("k", Operator.IN, strings.subList(0, 50_000)), of("id", Operator.IN, ids)))).hasSize(150 + 30);
    assertThat(db.count(Query.all().filter("k", Operator.IN, strings))).isEqualTo(150);
  }

  @Test
  @DisplayName("rule 17: AND() matches everything, OR() nothing, NOT of several means none holds")
  void rule17_logic() {
    db.createBatch(numbered(10));
    assertThat(where(and())).hasSize(10);
    assertThat(where(or())).isEmpty();
    assertThat(where(not(of("n", Operator.LT, 3), of("n", Operator.GT, 6)))).containsExactly("r00003", "r00004", "r00005", "r00006");
    assertThat(where(or(of("n", Operator.EQ, 1), and(of("n", Operator.GT, 7), of("tag", Operator.EQ, "t2")))))
        .containsExactly("r00001", "r00008");
    assertThat(where(not())).hasSize(10);
    assertThat(find(Query.all().filter("n", Operator.LT, 5).where(or(of("n", Operator.EQ, 1), of("n", Operator.EQ, 7))).sort("n")))
        .containsExactly("r00001");
  }

  @Test
  @DisplayName("rule 18: filter, sort, offset, limit and projection apply in that order")
  void rule18_order() {
    db.createBatch(numbered(30));
    Query q = Query.all().filter("mod7", Operator.EQ, 2).sort("n", SortOrder.DESC).offset(1).limit(2).select("n");
    List<Record> out = db.search(q);
    assertThat(ids(out)).containsExactly("r00016", "r00009");
    assertThat(out).allSatisfy(r -> assertThat(r.data()).containsOnlyKeys("n"));
    assertThat(db.search(Query.all().limit(0))).isEmpty();
    assertThat(db.search(Query.all().offset(29))).hasSize(1);
    assertThat(db.search(Query.all().offset(40))).isEmpty();
    assertThat(db.search(Query.all().sort("n").limit(3).offset(28))).extracting(Record::id).containsExactly("r00028", "r00029");
  }

  @Test
  @DisplayName("rule 18: no limit returns every match (more than 10,000)")
  void rule18_noDefaultPage() {
    db.createBatch(numbered(12_345));
    assertThat(db.search(Query.all())).hasSize(12_345);
    assertThat(db.search(Query.all().filter("n", Operator.GTE, 100))).hasSize(12_245);
    assertThat(db.search(Query.all().sort("n", SortOrder.DESC)).get(12_344).id()).isEqualTo("r00000");
    assertThat(db.count()).isEqualTo(12_345);
  }

  @Test
  @DisplayName("rule 18: multi-key, stable sorting with missing and null last in both directions")
  void rule18_sorting() {
    store(rec("a", "k", 2, "s", "x"), rec("b", "k", 1, "s", "y"), rec("c", "s", "x"), rec("d", "k", null, "s", "z"),
        rec("e", "k", 2, "s", "w"), rec("f", "k", 1.5, "s", "x"));
    assertThat(find(Query.all().sort("k").sort("s"))).containsExactly("b", "f", "e", "a", "c", "d");
    List<String> desc = find(Query.all().sort("k", SortOrder.DESC).sort("s", SortOrder.DESC));
    assertThat(desc.subList(0, 4)).containsExactly("a", "e", "f", "b");
    assertThat(desc.subList(4, 6)).containsExactly("d", "c");
    assertThat(find(Query.all().sort("s").sort("id", SortOrder.DESC))).containsExactly("e", "f", "c", "a", "b", "d");
    assertThat(find(Query.all().sort("id", SortOrder.DESC))).containsExactly("f", "e", "d", "c", "b", "a");
  }

  @Test
  @DisplayName("rule 18: values of mixed types sort by type, temporals chronologically, in search and streamRead")
  void rule18_mixedTypeSorting() {
    store(rec("num", "k", 5), rec("sb", "k", "b"), rec("sa", "k", "a"), rec("bool", "k", true),
        rec("i2020", "k", Instant.parse("2020-01-01T00:00:00Z")), rec("i2019", "k", Instant.parse("2019-01-01T00:00:00.5Z")),
        rec("d2019", "k", LocalDate.of(2019, 6, 1)), rec("list", "k", List.of(1)), rec("none", "other", 1));
    List<String> asc = List.of("num", "sa", "sb", "bool", "i2019", "d2019", "i2020", "list", "none");
    assertThat(find(Query.all().sort("k"))).containsExactlyElementsOf(asc);
    assertThat(find(Query.all().sort("k").offset(2).limit(4))).containsExactlyElementsOf(asc.subList(2, 6));
    assertThat(find(Query.all().sort("k", SortOrder.DESC)))
        .containsExactly("list", "i2020", "d2019", "i2019", "bool", "sb", "sa", "num", "none");
    try (java.util.stream.Stream<Record> st = db.streamRead(Query.all().sort("k"),
        io.dataknobs.api.stream.StreamConfig.builder().bufferSize(2).build())) {
      assertThat(ids(st.collect(java.util.stream.Collectors.toList()))).containsExactlyElementsOf(asc);
    }
  }

  @Test
  @DisplayName("rule 18: select keeps only those fields, plus id and metadata")
  void rule18_projection() {
    db.create(Record.builder().id("p").put("a", 1).put("b", Map.of("c", 2, "d", 3)).put("e", 4).metadata("m", "kept").build());
    Record r = db.search(Query.all().select("a", "b.c", "missing")).get(0);
    assertThat(r.id()).isEqualTo("p");
    assertThat(r.metadata()).containsEntry("m", "kept");
    assertThat(r.data()).containsOnlyKeys("a", "b");
    assertThat(r.get("b.c")).isEqualTo(2L);
    assertThat(r.get("b.d")).isNull();
  }

  @Test
  @DisplayName("rule 19: count counts every match, ignoring limit, offset and projection")
  void rule19_count() {
    db.createBatch(numbered(100));
    Query q = Query.all().filter("tag", Operator.EQ, "t1").sort("n").offset(5).limit(3).select("n");
    assertThat(db.search(q)).hasSize(3);
    assertThat(db.count(q)).isEqualTo(33);
    assertThat(db.count(Query.all().limit(0))).isEqualTo(100);
  }

  @Test
  @DisplayName("rule 20: injection attempts in values and field names are plain data")
  void rule20_injection() {
    String evilValue = "x' OR '1'='1";
    String evilField = "a\"); DROP TABLE records; --";
    store(rec("victim", "name", "alice", evilField, "payload"), rec("evil", "name", evilValue, "q", "'; DELETE FROM records; --"),
        rec("other", "name", "bob"));
    assertThat(where("name", Operator.EQ, evilValue)).containsExactly("evil");
    assertThat(where("name", Operator.LIKE, "%' OR '%")).containsExactly("evil");
    assertThat(where(evilField, Operator.EQ, "payload")).containsExactly("victim");
    assertThat(where(evilField, Operator.EXISTS, null)).containsExactly("victim");
    assertThat(find(Query.all().sort(evilField).sort("id"))).containsExactly("victim", "evil", "other");
    assertThat(db.search(Query.all().select(evilField).filter("id", Operator.EQ, "victim")).get(0).data())
        .containsOnlyKeys(evilField);
    assertThat(where("name", Operator.IN, List.of("') OR 1=1 --", "bob"))).containsExactly("other");
    assertThat(where("metadata.x') OR 1=1 --", Operator.EXISTS, null)).isEmpty();
    assertThat(db.count()).isEqualTo(3);
  }
}

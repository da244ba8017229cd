package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.Record;
import io.dataknobs.api.RecordValidationException;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules 10–11: values. */
public abstract class ValuesSpec extends TckSpec {

  /** @return a record holding one value of every type of the model */
  protected static Record everyType(String id) {
    return Record.builder().id(id)
        .put("int", 7)
        .put("long", Long.MAX_VALUE)
        .put("negative", -12L)
        .put("double", 3.25)
        .put("integral_double", 2.0)
        .put("tiny_double", 1.0e-300)
        .put("decimal", new BigDecimal("123456789.120"))
        .put("big_decimal", new BigDecimal("1E+20"))
        .put("beyond_2_53", 9_007_199_254_740_993L)
        .put("string", "héllo wörld ✓ 𝄞")
        .put("empty", "")
        .put("true", true)
        .put("false", false)
        .put("null", null)
        .put("instant", Instant.parse("2024-05-06T07:08:09.123456789Z"))
        .put("date", LocalDate.of(2023, 12, 31))
        .put("bytes", "\u0000binary\u00ff".getBytes(StandardCharsets.ISO_8859_1))
        .put("nested", Map.of("a", Map.of("b", List.of(1, "two", 3.5, Map.of("c", true)))))
        .put("list", Arrays.asList(1, null, "x", LocalDate.of(2020, 1, 1), new BigDecimal("1.50")))
        .put("empty_list", List.of())
        .put("empty_map", Map.of())
        .put("iso_string", "2024-01-01T00:00:00Z")
        .put("numeric_string", "42")
        .metadata("source", "tck")
        .metadata("at", Instant.parse("2020-02-02T02:02:02Z"))
        .metadata("tags", List.of("a", "b"))
        .build();
  }

  @Test
  @DisplayName("rule 10: every value type round-trips through read, search, streamRead")
  void rule10_roundTrip() {
    Record written = everyType("all");
    db.create(written);
    assertThat(db.read("all")).contains(written);
    assertThat(db.search(Query.all())).containsExactly(written);
    try (var s = db.streamRead(Query.all())) {
      assertThat(s).containsExactly(written);
    }
    Record read = db.read("all").orElseThrow();
    assertThat(read.get("int")).isInstanceOf(Long.class);
    assertThat(read.get("integral_double")).isInstanceOf(Double.class);
    assertThat(read.get("decimal")).isEqualTo(new BigDecimal("123456789.120"));
    assertThat(read.get("beyond_2_53")).isEqualTo(9_007_199_254_740_993L);
    assertThat(read.get("instant")).isInstanceOf(Instant.class);
    assertThat(read.get("date")).isInstanceOf(LocalDate.class);
    assertThat(read.get("iso_string")).isInstanceOf(String.class);
    assertThat(read.get("numeric_string")).isEqualTo("42");
    assertThat(read.data()).containsKey("null");
    assertThat(read.data().keySet()).as("field order").containsExactlyElementsOf(written.data().keySet());
  }

  @Test
  @DisplayName("rule 10: values round-trip through update, upsert and batches")
  void rule10_roundTripAllWrites() {
    Record r = everyType(null);
    db.createBatch(List.of(r.withId("b1"), r.withId("b2")));
    db.update("b1", r);
    db.upsert("b3", r);
    db.upsertBatch(List.of(r.withId("b4")));
    for (String id : List.of("b1", "b2", "b3", "b4")) {
      assertThat(db.read(id)).contains(r.withId(id));
    }
  }

  @Test
  @DisplayName("rule 11: field names with any character but '.' are stored and queried")
  void rule11_fieldNames() {
    Record odd = Record.builder().id("odd")
        .put("with space", 1).put("quote'\"", 2).put("ünïcødé", 3).put("semi;colon--", 4)
        .put("$dollar", 5).put("[bracket]", 6).put("a\"); DROP TABLE records; --", 7)
        .build();
    db.create(odd);
    assertThat(db.read("odd")).contains(odd);
    for (String field : odd.data().keySet()) {
      assertThat(db.search(Query.all().filter(field, Operator.EQ, odd.data().get(field)))).as(field)
          .extracting(Record::id).containsExactly("odd");
    }
  }

  @Test
  @DisplayName("rule 11: one field may hold different types in different records")
  void rule11_mixedTypes() {
    List<Object> values = Arrays.asList(1, 2.5, "three", true, null, List.of(4), Map.of("five", 5),
        Instant.parse("2020-01-01T00:00:00Z"), LocalDate.of(2021, 1, 1), new BigDecimal("6.0"), new byte[] {7});
    for (int i = 0; i < values.size(); i++) {
      db.create(rec("m" + i, "field", values.get(i)));
    }
    assertThat(db.count()).isEqualTo(values.size());
    for (int i = 0; i < values.size(); i++) {
      assertThat(db.read("m" + i)).contains(rec("m" + i, "field", values.get(i)));
    }
    assertThat(db.search(Query.all().filter("field", Operator.EQ, "three"))).extracting(Record::id).containsExactly("m2");
    assertThat(db.search(Query.all().filter("field", Operator.GT, 2))).extracting(Record::id)
        .containsExactlyInAnyOrder("m1", "m9");
  }

  @Test
  @DisplayName("rule 11: a string equal to the stored text of bytes or a non-finite double matches only strings")
  void rule11_textThatLooksLikeAnotherTypesStoredForm() {
    byte[] bytes = {7};
    String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
    store(rec("bytes", "v", bytes), rec("bytesText", "v", base64), rec("empty", "v", new byte[0]), rec("emptyText", "v", ""),
        rec("nan", "v", Double.NaN), rec("nanText", "v", "NaN"), rec("inf", "v", Double.NEGATIVE_INFINITY),
        rec("infText", "v", "-Infinity"), rec("zero", "v", -0.0), rec("zeroText", "v", "-0.0"), rec("plain", "v", "c3"));
    for (String[] t : new String[][] {{base64, "bytesText"}, {"", "emptyText"}, {"NaN", "nanText"}, {"-Infinity", "infText"},
        {"-0.0", "zeroText"}, {"c3", "plain"}}) {
      assertThat(db.search(Query.all().filter("v", Operator.EQ, t[0]))).as("EQ '%s'", t[0]).extracting(Record::id).containsExactly(t[1]);
      assertThat(db.search(Query.all().filter("v", Operator.EQ, t[0]).limit(5))).as("EQ '%s' limited", t[0]).extracting(Record::id)
          .containsExactly(t[1]);
      assertThat(db.count(Query.all().filter("v", Operator.IN, List.of(t[0], "none")))).as("IN '%s'", t[0]).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("rule 10: text no engine holds unchanged (NUL, a lone surrogate) is refused up front, naming the field")
  void rule10_unstorableTextIsRefused() {
    for (String bad : List.of("a\u0000b", "\u0000", "x\uD800", "\uDC00y", "\uDFFF\uD800")) {
      assertThatThrownBy(() -> db.create(rec("t1", "name", bad))).isInstanceOf(RecordValidationException.class)
          .satisfies(e -> assertThat(((RecordValidationException) e).field()).isEqualTo("name"));
      assertThatThrownBy(() -> db.create(rec("t1", "outer", Map.of("inner", List.of("ok", bad)))))
          .isInstanceOf(RecordValidationException.class)
          .satisfies(e -> assertThat(((RecordValidationException) e).field()).isEqualTo("outer.inner[1]"));
      assertThatThrownBy(() -> db.create(rec("t1", "field" + bad, 1))).isInstanceOf(RecordValidationException.class);
      assertThatThrownBy(() -> db.upsert("id" + bad, rec(null, "v", 1))).isInstanceOf(RecordValidationException.class)
          .satisfies(e -> assertThat(((RecordValidationException) e).field()).isEqualTo("id"));
    }
    assertThat(db.count()).isZero();
    // surrogate pairs are valid Unicode: stored, read and queried like any text
    Record clef = rec("clef", "name", "𝄞 clef \uD83D\uDE00");
    db.create(clef);
    assertThat(db.read("clef")).contains(clef);
    assertThat(db.search(Query.all().filter("name", Operator.STARTS_WITH, "𝄞"))).extracting(Record::id).containsExactly("clef");
    assertThat(db.search(Query.all().filter("name", Operator.LIKE, "%\uD83D\uDE00"))).extracting(Record::id).containsExactly("clef");
  }

  @Test
  @DisplayName("rule 10: filters with NUL or a lone surrogate answer as the reference does (nothing stored holds them)")
  void rule10_unstorableTextInFilters() {
    store(rec("a", "name", "ab"), rec("b", "name", "a"));
    for (String bad : List.of("a\u0000", "a\u0000b", "\uD800")) {
      assertThat(db.search(Query.all().filter("name", Operator.STARTS_WITH, bad))).as("STARTS_WITH %s", bad).isEmpty();
      assertThat(db.search(Query.all().filter("name", Operator.LIKE, "%" + bad + "%"))).as("LIKE").isEmpty();
      assertThat(db.search(Query.all().filter("name", Operator.EQ, bad))).as("EQ").isEmpty();
      assertThat(db.search(Query.all().filter("name", Operator.NEQ, bad))).as("NEQ").hasSize(2);
      assertThat(db.count(Query.all().filter("name", Operator.IN, List.of(bad, "ab")))).as("IN").isEqualTo(1);
      assertThat(db.read("a" + bad)).as("read").isEmpty();
    }
  }

  @Test
  @DisplayName("rule 10: a number no engine holds exactly is refused up front; longs beyond 2^53 compare exactly")
  void rule10_numbersAtTheEdges() {
    for (Object bad : List.of(new BigDecimal("123456789012345678901234567890"), new java.math.BigInteger("99999999999999999999999"),
        new BigDecimal("0.1000000000000000055511151231257827"), new BigDecimal("12345678901234567890.120"))) {
      assertThatThrownBy(() -> db.create(rec("n1", "amount", bad))).isInstanceOf(RecordValidationException.class)
          .hasMessageContaining("amount")
          .satisfies(e -> assertThat(((RecordValidationException) e).field()).isEqualTo("amount"));
    }
    assertThat(db.count()).isZero();
    long two53 = 9_007_199_254_740_992L;
    store(rec("at", "n", two53), rec("above", "n", two53 + 1), rec("max", "n", Long.MAX_VALUE), rec("double", "n", 9.007199254740992E15),
        rec("whole", "n", new BigDecimal("9007199254740995")), rec("min", "n", Long.MIN_VALUE));
    assertThat(db.search(Query.all().filter("n", Operator.GT, two53))).extracting(Record::id)
        .containsExactlyInAnyOrder("above", "max", "whole");
    assertThat(db.search(Query.all().filter("n", Operator.GTE, two53 + 1))).extracting(Record::id)
        .containsExactlyInAnyOrder("above", "max", "whole");
    assertThat(db.search(Query.all().filter("n", Operator.LT, two53 + 1))).extracting(Record::id)
        .containsExactlyInAnyOrder("at", "double", "min");
    assertThat(db.search(Query.all().filter("n", Operator.EQ, two53 + 1))).extracting(Record::id).containsExactly("above");
    assertThat(db.search(Query.all().filter("n", Operator.EQ, two53))).extracting(Record::id).containsExactlyInAnyOrder("at", "double");
    assertThat(db.search(Query.all().filter("n", Operator.NEQ, two53))).extracting(Record::id)
        .containsExactlyInAnyOrder("above", "max", "whole", "min");
    assertThat(db.search(Query.all().filter("n", Operator.IN, List.of(two53 + 1, Long.MAX_VALUE)))).extracting(Record::id)
        .containsExactlyInAnyOrder("above", "max");
    assertThat(db.search(Query.all().filter("n", Operator.BETWEEN, List.of(two53 + 1, two53 + 2)))).extracting(Record::id)
        .containsExactly("above");
    assertThat(db.search(Query.all().filter("n", Operator.GT, 9.007199254740992E15))).extracting(Record::id)
        .containsExactlyInAnyOrder("above", "max", "whole");
    assertThat(db.search(Query.all().filter("n", Operator.GT, new BigDecimal("9007199254740992.5")))).extracting(Record::id)
        .containsExactlyInAnyOrder("above", "max", "whole");
    assertThat(db.read("max")).get().extracting(r -> r.get("n")).isEqualTo(Long.MAX_VALUE);
    // the extremes of a double compare as numbers too (an engine may print them as 300+ digits)
    store(rec("huge", "d", 1e300), rec("tiny", "d", Double.MIN_VALUE), rec("top", "d", -Double.MAX_VALUE), rec("one", "d", 1.0));
    assertThat(db.search(Query.all().filter("d", Operator.GT, 1e299))).extracting(Record::id).containsExactly("huge");
    assertThat(db.search(Query.all().filter("d", Operator.NEQ, 1.0))).extracting(Record::id).containsExactlyInAnyOrder("huge", "tiny", "top");
    assertThat(db.search(Query.all().filter("d", Operator.BETWEEN, List.of(0, 1e-300)))).extracting(Record::id).containsExactly("tiny");
    assertThat(db.count(Query.all().filter("d", Operator.LT, -1e307))).isEqualTo(1);
  }
}

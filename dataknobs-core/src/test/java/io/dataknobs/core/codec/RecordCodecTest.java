package io.dataknobs.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Record;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private final RecordCodec codec = RecordCodec.standard();

  /** Text a record may hold (rule 10): no NUL, no lone surrogate. */
  static boolean storable(String s) {
    return s.indexOf('\0') < 0 && s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
  }

  @Provide
  Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(v -> (Object) v),
        Arbitraries.doubles().map(v -> (Object) v),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1.0, 2.0E20).map(v -> (Object) v),
        // the numbers a record may hold (rule 10): whole within a long, or a double's exact decimal
        Arbitraries.doubles().filter(Double::isFinite).map(v -> (Object) BigDecimal.valueOf(v)),
        Arbitraries.longs().map(v -> (Object) BigDecimal.valueOf(v, 0)),
        Arbitraries.of(new BigDecimal("1E+3"), new BigDecimal("123456789.5"), new BigDecimal("0.10")).map(v -> (Object) v),
        Arbitraries.strings().ofMaxLength(8).filter(RecordCodecTest::storable).map(v -> (Object) v),
        Arbitraries.of("2024-01-01T00:00:00Z", "2024-01-01", "NaN", "{}").map(v -> (Object) v),
        Arbitraries.of(true, false).map(v -> (Object) v),
        Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(s -> (Object) Instant.ofEpochSecond(s, Math.abs(s % 1_000_000_000))),
        Arbitraries.integers().between(-100_000, 100_000).map(d -> (Object) LocalDate.ofEpochDay(d)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(v -> (Object) v),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<Map<String, Object>> trees() {
    Arbitrary<Object> level1 = Arbitraries.oneOf(scalars(), scalars().list().ofMaxSize(3).map(l -> (Object) l));
    Arbitrary<Object> nested = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3), level1).ofMaxSize(3)
        .map(m -> (Object) m);
    return Arbitraries.maps(Arbitraries.strings().withChars("ab $\"'0").ofMinLength(1).ofMaxLength(4),
        Arbitraries.oneOf(scalars(), nested, nested.list().ofMaxSize(2).map(l -> (Object) l))).ofMaxSize(6);
  }

  @Property(tries = 500)
  void everyValueTreeRoundTrips(@ForAll("trees") Map<String, Object> data) {
    Record written = Record.of("id-1", data);
    RecordCodec.Encoded e = codec.encode(written.data());
    Record read = Record.of("id-1", codec.decode(e.json(), codec.hintsFromJson(codec.hintsToJson(e.hints()))));
    assertThat(read).isEqualTo(written);
    assertThat(codec.fromDocument(codec.toDocument(written))).isEqualTo(written);
  }

  @Test
  void storedJsonDecodesInOnePass() {
    Map<String, Object> read = codec.decode("{\"big\":123456789012345678901234567890,\"x\":0.1,\"n\":7,\"d\":0.1,"
        + "\"when\":[\"2024-01-02T03:04:05Z\",null],\"o\":{\"b\":true}}", Map.of("d", "decimal", "when.0", "instant"));
    assertThat(read.get("big")).as("a whole number beyond a long, stored before they were refused").isEqualTo(
        new BigDecimal("123456789012345678901234567890"));
    assertThat(read.get("x")).isEqualTo(0.1);
    assertThat(read.get("n")).isEqualTo(7L);
    assertThat(read.get("d")).as("a hinted decimal stays exact").isEqualTo(new BigDecimal("0.1"));
    assertThat(read.get("when")).isEqualTo(java.util.Arrays.asList(Instant.parse("2024-01-02T03:04:05Z"), null));
    assertThat(read.get("o")).isEqualTo(Map.of("b", true));
    assertThat(codec.hintsFromJson("{\"d\":\"decimal\"}")).isSameAs(codec.hintsFromJson("{\"d\":\"decimal\"}"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode("[1]", Map.of()))
        .isInstanceOf(io.dataknobs.api.DataknobsException.class).hasMessageContaining("not an object");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode("{\"a\":1} x", Map.of()))
        .isInstanceOf(io.dataknobs.api.DataknobsException.class);
  }

  @Test
  void plainDataNeedsNoHintsAndStaysQueryableJson() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "x");
    data.put("n", 5);
    data.put("d", 2.5);
    data.put("tags", List.of("a", "b"));
    RecordCodec.Encoded e = codec.encode(Record.of(data).data());
    assertThat(e.hints()).isEmpty();
    assertThat(e.json()).isEqualTo("{\"name\":\"x\",\"n\":5,\"d\":2.5,\"tags\":[\"a\",\"b\"]}");
    RecordCodec.Encoded t = codec.encode(Record.of(Map.of("at", Instant.parse("2024-05-06T07:08:09Z"))).data());
    assertThat(t.json()).isEqualTo("{\"at\":\"2024-05-06T07:08:09Z\"}");
    assertThat(t.hints()).containsEntry("at", RecordCodec.INSTANT);
  }

  @Test
  void documentsCarryIdAndMetadata() {
    Record r = Record.builder().id("doc").put("b", new byte[] {1}).metadata("at", LocalDate.of(2020, 1, 1)).build();
    String doc = codec.toDocument(r);
    assertThat(doc).startsWith("{\"id\":\"doc\"").contains("\"types\"");
    assertThat(codec.fromDocument(doc)).isEqualTo(r);
  }

  @Property(tries = 500)
  void everyStoredFormOfBytesIsTextThatMayBeStoredNonText(@ForAll byte[] bytes) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("b", bytes);
    String json = codec.encode(data).json();
    String stored = json.substring("{\"b\":\"".length(), json.length() - 2);
    assertThat(RecordCodec.mayBeStoredNonText(stored)).as(stored).isTrue();
  }

  @Test
  void storedFormsOfDoublesMayBeStoredNonTextAndOrdinaryTextMayNot() {
    for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("d", d);
      String json = codec.encode(data).json();
      assertThat(RecordCodec.mayBeStoredNonText(json.substring("{\"d\":\"".length(), json.length() - 2))).as(json).isTrue();
    }
    for (String text : List.of("c3", "abc", "ab=c", "a b ", "abcde", "===", "item number 12", "2024-01-01T00:00:00Z", "nan")) {
      assertThat(RecordCodec.mayBeStoredNonText(text)).as(text).isFalse();
    }
  }
}

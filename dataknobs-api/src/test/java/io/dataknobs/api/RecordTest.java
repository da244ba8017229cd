package io.dataknobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTest {

  @Test
  void valuesAreNormalizedToTheModel() {
    Record r = Record.builder().put("i", 1).put("s", (short) 2).put("f", 1.5f).put("big", BigInteger.TEN)
        .put("odt", OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)))
        .put("arr", new Object[] {1, "x"}).put("e", java.time.DayOfWeek.MONDAY).put("c", 'z').build();
    assertThat(r.get("i")).isEqualTo(1L);
    assertThat(r.get("s")).isEqualTo(2L);
    assertThat(r.get("f")).isEqualTo(1.5);
    assertThat(r.get("big")).isEqualTo(new BigDecimal(10));
    assertThat(r.get("odt")).isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    assertThat(r.getList("arr")).containsExactly(1L, "x");
    assertThat(r.get("e")).isEqualTo("MONDAY");
    assertThat(r.get("c")).isEqualTo("z");
  }

  @Test
  void recordsAreDeeplyImmutableCopies() {
    Map<String, Object> inner = new HashMap<>(Map.of("k", 1));
    List<Object> list = new ArrayList<>(List.of(1, 2));
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("inner", inner);
    source.put("list", list);
    Record r = Record.of("id", source);
    inner.put("k", 2);
    list.add(3);
    source.put("new", true);
    assertThat(r.get("inner.k")).isEqualTo(1L);
    assertThat(r.getList("list")).containsExactly(1L, 2L);
    assertThat(r.data()).containsOnlyKeys("inner", "list");
    assertThatThrownBy(() -> r.data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.getMap("inner").put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidFieldNamesAndTypesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> Record.of(Map.of("a.b", 1))).isInstanceOf(RecordValidationException.class)
        .hasMessageContaining("a.b").extracting(e -> ((RecordValidationException) e).field()).isEqualTo("a.b");
    assertThatThrownBy(() -> Record.of(Map.of("", 1))).isInstanceOf(RecordValidationException.class);
    assertThatThrownBy(() -> Record.of(Map.of("outer", Map.of("in", List.of(1, new Object())))))
        .isInstanceOf(RecordValidationException.class).hasMessageContaining("outer.in[1]").hasMessageContaining("java.lang.Object");
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(5, "x");
    assertThatThrownBy(() -> Record.of(Map.of("m", badKey))).isInstanceOf(RecordValidationException.class)
        .hasMessageContaining("strings");
  }

  @Test
  void pathsReadIdMetadataNestedMapsAndLists() {
    Record r = Record.builder().id("r1").put("a", Map.of("b", List.of(Map.of("c", 3)))).put("id", "data-id")
        .metadata("owner", Map.of("name", "ann")).build();
    assertThat(r.get("id")).isEqualTo("r1");
    assertThat(r.get("a.b.0.c")).isEqualTo(3L);
    assertThat(r.get("a.b.1.c")).isNull();
    assertThat(r.get("a.x.y")).isNull();
    assertThat(r.get("metadata.owner.name")).isEqualTo("ann");
    assertThat(r.has("a.b")).isTrue();
    assertThat(r.data()).containsEntry("id", "data-id");
  }

  @Test
  void equalityComparesBytesByContent() {
    Record a = Record.of("x", Map.of("b", new byte[] {1, 2}, "n", 1));
    Record b = Record.of("x", Map.of("b", new byte[] {1, 2}, "n", 1L));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.withId("y"));
    assertThat(a).isNotEqualTo(Record.of("x", Map.of("b", new byte[] {1, 3}, "n", 1)));
    assertThat(Record.of(Map.of("n", 1))).isNotEqualTo(Record.of(Map.of("n", 1.0)));
    assertThat(a.toString()).contains("byte[2]");
  }

  @Test
  void copiesWithAndWithoutFieldsAndProjections() {
    Record r = Record.builder().id("p").put("a", 1).put("b", Map.of("c", 2, "d", 3)).metadata("m", 1).build();
    assertThat(r.with("e", 5).data()).containsKeys("a", "b", "e");
    assertThat(r.without("a").data()).containsOnlyKeys("b");
    assertThat(r.withId("q").id()).isEqualTo("q");
    Record p = r.project(List.of("b.c", "nope"));
    assertThat(p.data()).isEqualTo(Map.of("b", Map.of("c", 2L)));
    assertThat(p.metadata()).containsEntry("m", 1L);
    assertThat(p.id()).isEqualTo("p");
    assertThat(r.getLong("a")).isEqualTo(1L);
    assertThat(r.getDouble("a")).isEqualTo(1.0);
    assertThat(Record.of(Map.of("d", "2024-02-03")).getDate("d")).isEqualTo(LocalDate.of(2024, 2, 3));
    assertThatThrownBy(() -> r.getString("a")).isInstanceOf(ClassCastException.class).hasMessageContaining("a");
  }
}

package io.dataknobs.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The fast text forms agree with the JDK's for every value, and hand the rest to the JDK. */
class TemporalTextTest {
  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.oneOf(
        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
        Arbitraries.longs().between(-62_167_219_200L - 100_000, 253_402_300_799L + 100_000), // around years 0 and 9999
        Arbitraries.longs().between(-100_000, 2_000_000_000L));
    Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000), Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Property(tries = 3000)
  void instantsWriteAsTheJdkAndReadBack(@ForAll("instants") Instant i) {
    String text = TemporalText.text(i);
    assertThat(text).isEqualTo(i.toString());
    assertThat(TemporalText.instant(text)).isEqualTo(i);
  }

  @Property(tries = 2000)
  void datesWriteAsTheJdkAndReadBack(@ForAll("dates") LocalDate d) {
    String text = TemporalText.text(d);
    assertThat(text).isEqualTo(d.toString());
    assertThat(TemporalText.date(text)).isEqualTo(d);
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.oneOf(Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()),
        Arbitraries.longs().between(-720_000, 2_933_000)).map(LocalDate::ofEpochDay);
  }

  @Test
  void otherFormsTheJdkReadsAreReadAsItReadsThem() {
    for (String text : new String[] {"2024-01-01T00:00:00.5Z", "2024-01-01t10:15:30z", "+12024-01-01T00:00:00Z",
        "2016-12-31T23:59:60Z", "2024-01-01T24:00:00Z", "2024-01-01T10:15:30.1234Z", "-0001-01-01T00:00:00Z"}) {
      assertThat(TemporalText.instant(text)).as(text).isEqualTo(Instant.parse(text));
    }
    assertThat(TemporalText.date("+12024-01-01")).isEqualTo(LocalDate.parse("+12024-01-01"));
  }

  @Test
  void invalidTextFailsAsTheJdkFails() {
    for (String text : new String[] {"2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T00:60:00Z",
        "2024-0a-01T00:00:00Z", "2024-01-01T00:00:00.12aZ", "2024-01-01 00:00:00Z", "yesterday"}) {
      assertThatThrownBy(() -> TemporalText.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
    for (String text : new String[] {"2023-02-29", "2024-00-10", "2024-1-10", "20240110"}) {
      assertThatThrownBy(() -> TemporalText.date(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
  }
}

package io.dataknobs.core.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The text form of {@link Instant} and {@link LocalDate} values as records store them: exactly
 * {@link Instant#toString()} and {@link LocalDate#toString()}, and back. The JDK goes through a
 * {@code DateTimeFormatter} both ways (about 0.5 µs to read an Instant, a third of decoding a
 * six-field record); here the usual form (years 0000–9999, UTC, a fraction of 0, 3, 6 or 9
 * digits) is written and read directly, and anything else is handed to the JDK, so results,
 * accepted inputs and exceptions are the JDK's.
 *
 * @since core.codec 1.2
 */
public final class TemporalText {
  private static final long SECONDS_PER_DAY = 86_400;
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
  private static final long MIN_FAST = -62_167_219_200L;
  private static final long MAX_FAST = 253_402_300_799L;

  private TemporalText() {}

  /**
   * @param instant a point in time
   * @return {@code instant.toString()}
   */
  public static String text(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_FAST || seconds > MAX_FAST) {
      return instant.toString();
    }
    int nanos = instant.getNano();
    int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] out = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    date(out, LocalDate.ofEpochDay(day));
    out[10] = 'T';
    two(out, 11, secondOfDay / 3600);
    out[13] = ':';
    two(out, 14, secondOfDay / 60 % 60);
    out[16] = ':';
    two(out, 17, secondOfDay % 60);
    int at = 19;
    if (fraction > 0) {
      out[at++] = '.';
      int digits = fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos;
      for (int i = at + fraction - 1; i >= at; i--) {
        out[i] = (char) ('0' + digits % 10);
        digits /= 10;
      }
      at += fraction;
    }
    out[at] = 'Z';
    return new String(out);
  }

  /**
   * @param date a date
   * @return {@code date.toString()}
   */
  public static String text(LocalDate date) {
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      return date.toString();
    }
    char[] out = new char[10];
    date(out, date);
    return new String(out);
  }

  /**
   * @param text an Instant's text, as {@link Instant#parse} reads it
   * @return the Instant
   * @throws java.time.format.DateTimeParseException as {@link Instant#parse} throws it
   */
  public static Instant instant(String text) {
    int n = text.length();
    // yyyy-MM-ddTHH:mm:ss, then nothing, .SSS, .SSSSSS or .SSSSSSSSS, then Z
    if ((n == 20 || n == 24 || n == 27 || n == 30) && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z' && (n == 20 || text.charAt(19) == '.')) {
      LocalDate date = fastDate(text);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      int nanos = n == 20 ? 0 : digits(text, 20, n - 21);
      if (date != null && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && nanos >= 0) {
        nanos *= n == 24 ? 1_000_000 : n == 27 ? 1_000 : 1;
        return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second, nanos);
      }
    }
    return Instant.parse(text);
  }

  /**
   * @param text a date's text, as {@link LocalDate#parse} reads it
   * @return the date
   * @throws java.time.format.DateTimeParseException as {@link LocalDate#parse} throws it
   */
  public static LocalDate date(String text) {
    LocalDate date = text.length() == 10 ? fastDate(text) : null;
    return date != null ? date : LocalDate.parse(text);
  }

  /** @return the date in the first ten characters ({@code yyyy-MM-dd}), or null if they are not a valid one */
  private static LocalDate fastDate(String text) {
    if (text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** @return the number written by {@code count} ASCII digits from {@code at}, or -1 if one is not a digit */
  private static int digits(String text, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void date(char[] out, LocalDate date) {
    int year = date.getYear();
    out[0] = (char) ('0' + year / 1000);
    out[1] = (char) ('0' + year / 100 % 10);
    two(out, 2, year % 100);
    out[4] = '-';
    two(out, 5, date.getMonthValue());
    out[7] = '-';
    two(out, 8, date.getDayOfMonth());
  }

  private static void two(char[] out, int at, int v) {
    out[at] = (char) ('0' + v / 10);
    out[at + 1] = (char) ('0' + v % 10);
  }
}

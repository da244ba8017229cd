package io.dataknobs.api.query;

import io.dataknobs.api.QueryException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Filter operators. Any filter on a missing or null value is false, except
 * {@link #EXISTS} (present and non-null) and {@link #NOT_EXISTS} (missing or null).
 */
public enum Operator {
  /** Equal: numbers numerically across types, a string never equals a number. */
  EQ("=", "=="),
  /** Present, non-null and not equal. */
  NEQ("!=", "<>"),
  /** Greater than: numbers numerically, strings by code point, temporals chronologically. */
  GT(">"),
  /** Greater than or equal. */
  GTE(">="),
  /** Less than. */
  LT("<"),
  /** Less than or equal. */
  LTE("<="),
  /** Equal to any element of a collection. */
  IN("in"),
  /** Present, non-null and equal to no element of a collection. */
  NOT_IN("not in", "nin"),
  /** Anchored, case-insensitive pattern: {@code %} any run, {@code _} one character. */
  LIKE("like"),
  /** Present string not matching the {@link #LIKE} pattern. */
  NOT_LIKE("not like"),
  /** Unanchored, case-sensitive regular expression search ({@link java.util.regex.Pattern}). */
  REGEX("regex", "~"),
  /** Literal, case-sensitive prefix of a string. */
  STARTS_WITH("starts with", "prefix"),
  /** Present and non-null (the value is ignored). */
  EXISTS("exists"),
  /** Missing or null (the value is ignored). */
  NOT_EXISTS("not exists"),
  /** Inclusive range: the value is a list {@code [lo, hi]}. */
  BETWEEN("between"),
  /** Present, comparable and outside the inclusive range {@code [lo, hi]}. */
  NOT_BETWEEN("not between");

  private final String[] symbols;

  Operator(String... symbols) {
    this.symbols = symbols;
  }

  /** @return true for the operators that take no value ({@code EXISTS}, {@code NOT_EXISTS}) */
  public boolean isUnary() {
    return this == EXISTS || this == NOT_EXISTS;
  }

  /**
   * Parses an operator by name ({@code "EQ"}, {@code "not_in"}, case-insensitive) or symbol
   * ({@code "="}, {@code ">="}, {@code "not in"}).
   *
   * @throws QueryException naming the text and the accepted operators if none matches
   */
  public static Operator parse(String text) {
    if (text != null) {
      String t = text.trim();
      String upper = t.toUpperCase(Locale.ROOT).replace(' ', '_');
      for (Operator op : values()) {
        if (op.name().equals(upper)) {
          return op;
        }
        for (String s : op.symbols) {
          if (s.equalsIgnoreCase(t)) {
            return op;
          }
        }
      }
    }
    throw new QueryException("unknown operator '" + text + "'; accepted: "
        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }
}

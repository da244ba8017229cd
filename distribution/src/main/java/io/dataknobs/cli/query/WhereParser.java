package io.dataknobs.cli.query;

import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A filter a person can type: {@code field op value}. Operators: {@code =} (or {@code ==}),
 * {@code !=} (or {@code <>}), {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ~} (LIKE, with
 * {@code %} and {@code _}), {@code !~} (NOT LIKE), {@code ^=} (starts with), {@code =~} (regular
 * expression), {@code in} and {@code not in} (a list: {@code [a, b]} or {@code a,b}),
 * {@code between lo and hi}, {@code exists} and {@code not exists} (no value). A value is a number,
 * {@code true}, {@code false} or {@code null} when it reads as one, else text; quote it
 * ({@code 'x'} or {@code "x"}) to keep {@code 12} or {@code true} as text. A mistake is an
 * {@link IllegalArgumentException} whose message shows the expression with a caret under the spot.
 */
public final class WhereParser {
  static final List<String> OPERATORS = List.of("=", "==", "!=", "<>", ">", ">=", "<", "<=", "~", "!~", "^=", "=~", "in", "not in",
      "between", "exists", "not exists");

  private final String text;
  private int at;

  private WhereParser(String text) {
    this.text = text;
  }

  /** @return the filter {@code text} says */
  public static Filter parse(String text) {
    return new WhereParser(text).filter();
  }

  private Filter filter() {
    skipSpace();
    String field = field();
    skipSpace();
    Operator op = operator();
    skipSpace();
    int valueAt = at;
    Object value = null;
    switch (op) {
      case EXISTS, NOT_EXISTS -> { }
      case IN, NOT_IN -> value = list();
      case BETWEEN -> {
        Object lo = token("");
        skipSpace();
        if (!word("and")) {
          throw error("between needs 'lo and hi'", at);
        }
        skipSpace();
        value = java.util.Arrays.asList(lo, rest(false));
      }
      case LIKE, NOT_LIKE, STARTS_WITH, REGEX -> value = rest(true);
      default -> value = rest(false);
    }
    skipSpace();
    if (at < text.length()) {
      throw error("unexpected text after the value" + (op == Operator.EQ ? " (quote a value with spaces)" : ""), at);
    }
    try {
      return new Filter(field, op, value);
    } catch (io.dataknobs.api.QueryException e) {
      throw error(e.getMessage(), valueAt);
    }
  }

  private String field() {
    int start = at;
    if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
      return quoted();
    }
    while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && "=!<>~^".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    if (at == start) {
      throw error("expected a field name", start);
    }
    return text.substring(start, at);
  }

  private Operator operator() {
    int start = at;
    if (word("not")) {
      skipSpace();
      if (word("in")) {
        return Operator.NOT_IN;
      }
      if (word("exists")) {
        return Operator.NOT_EXISTS;
      }
      throw error("expected 'not in' or 'not exists'", start);
    }
    if (word("in")) {
      return Operator.IN;
    }
    if (word("between")) {
      return Operator.BETWEEN;
    }
    if (word("exists")) {
      return Operator.EXISTS;
    }
    while (at < text.length() && "=!<>~^".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String op = text.substring(start, at);
    return switch (op) {
      case "=", "==" -> Operator.EQ;
      case "!=", "<>" -> Operator.NEQ;
      case ">" -> Operator.GT;
      case ">=" -> Operator.GTE;
      case "<" -> Operator.LT;
      case "<=" -> Operator.LTE;
      case "~" -> Operator.LIKE;
      case "!~" -> Operator.NOT_LIKE;
      case "^=" -> Operator.STARTS_WITH;
      case "=~" -> Operator.REGEX;
      default -> throw error((op.isEmpty() ? "expected an operator" : "unknown operator '" + op + "'") + "; operators: "
          + String.join(" ", OPERATORS), start);
    };
  }

  private boolean word(String w) {
    int end = at + w.length();
    if (text.regionMatches(true, at, w, 0, w.length()) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
      at = end;
      return true;
    }
    return false;
  }

  private List<Object> list() {
    List<Object> out = new ArrayList<>();
    boolean bracket = at < text.length() && text.charAt(at) == '[';
    if (bracket) {
      at++;
      skipSpace();
      if (at < text.length() && text.charAt(at) == ']') {
        at++;
        return out;
      }
    }
    while (true) {
      skipSpace();
      out.add(token(bracket ? ",]" : ","));
      skipSpace();
      if (at < text.length() && text.charAt(at) == ',') {
        at++;
        continue;
      }
      break;
    }
    if (bracket) {
      if (at >= text.length() || text.charAt(at) != ']') {
        throw error("expected ']' to close the list", at);
      }
      at++;
    }
    return out;
  }

  /** @return a quoted value, or the rest of the expression (a plain value may hold spaces), typed unless {@code asText} */
  private Object rest(boolean asText) {
    if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
      return quoted();
    }
    return raw(text.length(), asText);
  }

  /** @return a quoted value, or the text up to white space or one of {@code stops}, typed */
  private Object token(String stops) {
    if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
      return quoted();
    }
    int end = at;
    while (end < text.length() && stops.indexOf(text.charAt(end)) < 0 && (stops.contains(",") || !Character.isWhitespace(text.charAt(end)))) {
      end++;
    }
    return raw(end, false);
  }

  private Object raw(int end, boolean asText) {
    int start = at;
    String raw = text.substring(start, end).strip();
    at = end;
    if (raw.isEmpty()) {
      throw error("expected a value", start);
    }
    return asText ? raw : typed(raw);
  }

  static Object typed(String raw) {
    switch (raw) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        break;
    }
    if (raw.matches("-?(0|[1-9][0-9]{0,18})")) {
      return Long.parseLong(raw);
    }
    if (raw.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      return Double.parseDouble(raw);
    }
    return raw;
  }

  private String quoted() {
    char q = text.charAt(at);
    int start = at++;
    StringBuilder sb = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == q) {
        if (at < text.length() && text.charAt(at) == q) {
          sb.append(q);
          at++;
          continue;
        }
        return sb.toString();
      }
      sb.append(c);
    }
    throw error("the quote opened here is not closed", start);
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String what, int where) {
    return new IllegalArgumentException("--where '" + text + "': " + what + "\n         " + " ".repeat(Math.min(where, text.length()) + 1)
        + "^");
  }
}

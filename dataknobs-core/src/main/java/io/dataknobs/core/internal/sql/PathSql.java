package io.dataknobs.core.internal.sql;

import static io.dataknobs.core.internal.sql.SqlOperands.bigIntegral;
import static io.dataknobs.core.internal.sql.SqlOperands.bindNumber;
import static io.dataknobs.core.internal.sql.SqlOperands.exactAsDouble;
import static io.dataknobs.core.internal.sql.SqlOperands.isFiniteNumber;
import static io.dataknobs.core.internal.sql.SqlOperands.isString;

import io.dataknobs.core.codec.RecordCodec;
import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.JsonPath;
import io.dataknobs.core.sql.SqlDialect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL expressions of one JSON path (its class letter, number, integer, text and hint, read
 * from typed columns when the engine keeps them, from the JSON otherwise) and the comparisons
 * built from them with the reference evaluator's semantics.
 */
final class PathSql {
  final String t;
  final String n;
  final String s;
  final String h;
  /** The integer of an integral number. */
  final String i;
  /** Tests that the value is a number, a string. */
  final String isNumber;
  final String isText;

  final JsonPath path;
  private final SqlDialect d;
  /** Whether the path is read from typed columns (then no JSON-only predicate applies). */
  private final boolean typed;

  /**
   * @param d the engine's dialect
   * @param p the path
   * @param c the typed columns of the path, or null to read the JSON
   */
  PathSql(SqlDialect d, JsonPath p, FieldColumns.Columns c) {
    this.d = d;
    this.path = p;
    this.typed = c != null;
    if (c != null) {
      t = c.type();
      n = c.number();
      s = c.text();
      h = c.hint();
      i = c.integral();
      isNumber = c.isNumber();
      isText = c.isText();
    } else {
      t = d.typeOf(p.column(), p.literal());
      n = d.numberOf(p.column(), p.literal());
      s = d.textOf(p.column(), p.literal());
      h = d.hintOf(p.hintColumn(), p.hintKey());
      i = d.integralOf(p.column(), p.literal());
      isNumber = t + " = 'n'";
      isText = t + " = 's'";
    }
  }

  String present() {
    return t + " IS NOT NULL AND " + t + " <> 'z'";
  }

  /** A string value that compares as a string: plain text, Instant or LocalDate (not bytes, not NaN). */
  String comparableText() {
    return isText + " AND " + textHint();
  }

  /**
   * The test that a stored string equal to {@code v} compares as text: its hint only matters
   * when bytes or a non-finite double could be stored as that very text; otherwise it is left
   * out (the planner cannot estimate it, and took an index scan over every match of a common
   * value for a LIMIT that a sequential scan answers after a few thousand rows).
   */
  String equalText(String v) {
    return RecordCodec.mayBeStoredNonText(v) ? comparableText() : isText;
  }

  /** The hint of a string that compares as text: none, or an Instant's or LocalDate's. */
  String textHint() {
    return "(" + h + " IS NULL OR " + h + " IN ('instant', 'date'))";
  }

  /** A string value that string operators (LIKE, prefix, regex) see: plain text only. */
  String plainText() {
    return isText + " AND " + h + " IS NULL";
  }

  /** The stored number as an exact integer, for ties between doubles (see {@link SqlOperands#bigIntegral}). */
  String exactInteger() {
    return "COALESCE(" + i + ", CAST(" + n + " AS DECIMAL(38,0)))";
  }

  Optional<SqlFragment> eq(Object v) {
    if (!exactAsDouble(v)) {
      return Optional.empty();
    }
    Long big = bigIntegral(v);
    if (big != null) {
      return Optional.of(SqlFragment.of(n + " = ? AND " + isNumber + " AND " + exactInteger() + " = ?", bindNumber(v), big));
    }
    if (isFiniteNumber(v)) {
      return Optional.of(narrowed(v, SqlFragment.of(n + " = ? AND " + isNumber, bindNumber(v))));
    }
    if (isString(v)) {
      return Optional.of(narrowed(v, SqlFragment.of(s + " = ? AND " + equalText((String) v), v)));
    }
    if (v instanceof Boolean) {
      return Optional.of(narrowed(v, SqlFragment.of(t + ((Boolean) v ? " = 't'" : " = 'f'"))));
    }
    return Optional.empty();
  }

  /**
   * Replaces an exact equality by the engine's JSON containment test, which an index can serve:
   * for strings, booleans and integers containment accepts exactly the rows the equality
   * accepts (a containment document is an object, so no array exception applies), strings
   * needing the text-hint check besides only when bytes or a non-finite double could be stored as
   * that text ({@link #equalText}). Other numbers are left alone.
   */
  private SqlFragment narrowed(Object v, SqlFragment exact) {
    String contains = d.contains(path.column());
    if (contains == null || typed || !(v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer)) {
      return exact;
    }
    StringBuilder json = new StringBuilder();
    String[] segments = path.hintKey().split("\\.");
    for (String seg : segments) {
      // segments are validated names: no quote, backslash or control character to escape
      json.append("{\"").append(seg).append("\":");
    }
    if (v instanceof String) {
      json.append('"').append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString((String) v)).append('"');
    } else {
      json.append(v);
    }
    json.append("}".repeat(segments.length));
    // containment matches exactly the stored values the equality accepts (jsonb compares numbers
    // by value), but for strings whose hint makes them something other than text (bytes, NaN):
    // that check remains only where such text could be stored, so the planner estimates the
    // filter from the column's statistics instead of guessing at an expression (a guess made
    // it read every match of a common value through the index for a LIMIT 100)
    return v instanceof String str && RecordCodec.mayBeStoredNonText(str) ? new SqlFragment(contains + " AND " + textHint(), List.of(json.toString()))
        : new SqlFragment(contains, List.of(json.toString()));
  }

  Optional<SqlFragment> range(String op, Object v) {
    if (!exactAsDouble(v)) {
      return Optional.empty();
    }
    Long big = bigIntegral(v);
    if (big != null) {
      String strict = op.substring(0, 1);
      return Optional.of(SqlFragment.of(isNumber + " AND (" + n + " " + strict + " ? OR (" + n + " = ? AND " + exactInteger() + " " + op + " ?))",
          bindNumber(v), bindNumber(v), big));
    }
    if (isFiniteNumber(v)) {
      String predicate = d.numberPredicate(path.column());
      if (predicate != null && !typed) {
        // the operand as the decimal the reference compares (a double's shortest text)
        String number = new BigDecimal(bindNumber(v).toString()).toPlainString();
        return Optional.of(new SqlFragment(predicate, List.of("strict " + path.literal() + " " + op + " " + number)));
      }
      return Optional.of(SqlFragment.of(n + " " + op + " ? AND " + isNumber, bindNumber(v)));
    }
    if (isString(v)) {
      return Optional.of(SqlFragment.of(s + " " + op + " ? AND " + comparableText(), v));
    }
    return Optional.empty();
  }

  Optional<SqlFragment> between(List<?> b, boolean negate) {
    Object lo = b.get(0);
    Object hi = b.get(1);
    String value;
    String guard;
    if (isFiniteNumber(lo) && isFiniteNumber(hi) && (bigIntegral(lo) != null || bigIntegral(hi) != null)) {
      if (!exactAsDouble(lo) || !exactAsDouble(hi)) {
        return Optional.empty();
      }
      Optional<SqlFragment> from = range(">=", lo);
      Optional<SqlFragment> to = range("<=", hi);
      List<Object> params = new ArrayList<>(from.orElseThrow().params());
      params.addAll(to.orElseThrow().params());
      String both = "(" + from.get().sql() + ") AND (" + to.get().sql() + ")";
      return Optional.of(new SqlFragment(negate ? isNumber + " AND NOT (" + both + ")" : both, params));
    }
    if (isFiniteNumber(lo) && isFiniteNumber(hi)) {
      value = n;
      guard = isNumber;
      lo = bindNumber(lo);
      hi = bindNumber(hi);
    } else if (isString(lo) && isString(hi)) {
      value = s;
      guard = comparableText();
    } else {
      return Optional.empty();
    }
    String in = value + " >= ? AND " + value + " <= ?";
    // the value test first: it rejects most rows, and the class and hint tests after it cost more
    return Optional.of(SqlFragment.of((negate ? "NOT (" + in + ")" : "(" + in + ")") + " AND " + guard, lo, hi));
  }
}

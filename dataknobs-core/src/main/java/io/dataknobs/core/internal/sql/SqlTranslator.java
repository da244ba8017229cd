package io.dataknobs.core.internal.sql;

import io.dataknobs.core.sql.FieldColumns;
import io.dataknobs.core.sql.JsonPath;
import io.dataknobs.core.sql.SqlDialect;

import static io.dataknobs.core.internal.sql.SqlOperands.ascii;
import static io.dataknobs.core.internal.sql.SqlOperands.bigIntegral;
import static io.dataknobs.core.internal.sql.SqlOperands.exactAsDouble;
import static io.dataknobs.core.internal.sql.SqlOperands.isFiniteNumber;
import static io.dataknobs.core.internal.sql.SqlOperands.isString;
import static io.dataknobs.core.internal.sql.SqlOperands.unstorableText;

import io.dataknobs.api.query.Condition;
import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.FilterCondition;
import io.dataknobs.api.query.LogicCondition;
import io.dataknobs.api.query.LogicOperator;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Sort;
import io.dataknobs.api.query.SortOrder;
import io.dataknobs.core.query.Comparisons;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates query conditions and sort keys into SQL over the shared table layout
 * ({@code id}, {@code data}/{@code metadata} JSON with {@code data_types}/{@code metadata_types}
 * hints), with the semantics of {@link io.dataknobs.core.query.QueryEvaluator}: type guards (a
 * string never equals a number, LIKE never matches a number or a stored Instant), two-valued
 * logic (every leaf is NULL-free, so {@code NOT} is a complement), numbers compared numerically,
 * strings by code point. Whatever it cannot express exactly (temporal filter values, non-ASCII
 * LIKE patterns, regexes the engine reads differently, unusual field names, list, map and byte
 * values) is left as a residual condition that the caller evaluates in memory; nothing is
 * dropped.
 */
public final class SqlTranslator {
  private static final Logger LOG = LoggerFactory.getLogger(SqlTranslator.class);

  private final SqlDialect d;
  private final java.util.function.Function<JsonPath, FieldColumns.Columns> typed;

  /** @param dialect the engine's dialect */
  public SqlTranslator(SqlDialect dialect) {
    this(dialect, p -> null);
  }

  /**
   * @param dialect the engine's dialect
   * @param typed the typed columns of a path at translation time, null when it has none (then
   *     the JSON is read)
   */
  public SqlTranslator(SqlDialect dialect, java.util.function.Function<JsonPath, FieldColumns.Columns> typed) {
    this.d = dialect;
    this.typed = typed;
  }

  /**
   * A translated filter: the SQL that was pushed down and what is left to evaluate in memory.
   *
   * @param sql a boolean SQL expression ({@code TRUE} when nothing was pushed)
   * @param residual the part of the condition not in {@code sql}, or null if all of it is
   */
  public record Where(SqlFragment sql, Condition residual) {
    /** @return true if the whole condition is in {@link #sql()} */
    public boolean complete() {
      return residual == null;
    }
  }

  /** Translates as much of {@code condition} as can be expressed exactly; top-level AND parts split. */
  public Where where(Condition condition) {
    List<Condition> parts = condition instanceof LogicCondition && ((LogicCondition) condition).operator() == LogicOperator.AND
        ? ((LogicCondition) condition).conditions() : List.of(condition);
    List<SqlFragment> pushed = new ArrayList<>();
    List<Condition> residual = new ArrayList<>();
    for (Condition c : parts) {
      Optional<SqlFragment> sql = translate(c);
      if (sql.isPresent()) {
        pushed.add(sql.get());
      } else {
        residual.add(c);
      }
    }
    SqlFragment where = pushed.isEmpty() ? SqlFragment.of(d.bool(true)) : SqlFragment.join(" AND ", pushed);
    Condition rest = residual.isEmpty() ? null
        : residual.size() == 1 ? residual.get(0) : new LogicCondition(LogicOperator.AND, residual);
    if (rest != null) {
      LOG.debug("{}: evaluating in memory what SQL cannot express exactly: {}", d.name(), rest);
    }
    return new Where(where, rest);
  }

  /** @return the SQL for {@code c}, or empty if any part of it cannot be expressed exactly */
  public Optional<SqlFragment> translate(Condition c) {
    return translate(c, true);
  }

  /**
   * @param positive true when no NOT encloses {@code c}: there a NULL leaf already counts as
   *     false, so leaves stay bare and the engine can match them to expression indexes; under
   *     NOT every leaf is made NULL-free so that NOT is an exact complement
   */
  private Optional<SqlFragment> translate(Condition c, boolean positive) {
    if (c instanceof FilterCondition) {
      Optional<SqlFragment> leaf = leaf(((FilterCondition) c).filter());
      return positive ? leaf : leaf.map(f -> new SqlFragment(d.truthy(f.sql()), f.params()));
    }
    LogicCondition l = (LogicCondition) c;
    boolean childPositive = positive && l.operator() != LogicOperator.NOT;
    List<SqlFragment> parts = new ArrayList<>();
    for (Condition x : l.conditions()) {
      Optional<SqlFragment> t = translate(x, childPositive);
      if (t.isEmpty()) {
        return Optional.empty();
      }
      parts.add(t.get());
    }
    switch (l.operator()) {
      case AND:
        return Optional.of(parts.isEmpty() ? SqlFragment.of(d.bool(true)) : SqlFragment.join(" AND ", parts));
      case OR:
        return Optional.of(parts.isEmpty() ? SqlFragment.of(d.bool(false)) : SqlFragment.join(" OR ", parts));
      default:
        return Optional.of(parts.isEmpty() ? SqlFragment.of(d.bool(true)) : SqlFragment.join(" OR ", parts).wrap("NOT (", ")"));
    }
  }

  /** Above this many values, IN binds its strings and its numbers as one JSON array each (no parameter or depth limit). */
  static final int LARGE_IN = 32;

  /**
   * {@code IN} over {@code values}: small lists as an OR of equalities; large ones as membership
   * of the strings in one bound JSON array ({@code text}, under {@code textGuard}) and of the
   * numbers in another ({@code number} under {@code numberGuard}), with the rest (booleans,
   * integers beyond 2^53) as equalities. A null {@code number} means numbers never match.
   */
  private Optional<SqlFragment> in(java.util.function.Function<Object, Optional<SqlFragment>> eq, Collection<?> values,
      String textGuard, String text, String numberGuard, String number) {
    if (values.size() <= LARGE_IN) {
      return in(eq, values);
    }
    List<Object> strings = new ArrayList<>();
    List<Object> numbers = new ArrayList<>();
    List<Object> others = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof String) {
        strings.add(v);
      } else if (number != null && isFiniteNumber(v) && exactAsDouble(v) && bigIntegral(v) == null) {
        numbers.add(v);
      } else if (v != null && (number != null || !Comparisons.isNumber(v))) {
        others.add(v);
      }
    }
    List<SqlFragment> parts = new ArrayList<>();
    if (!strings.isEmpty()) {
      parts.add(SqlFragment.of((textGuard == null ? "" : textGuard + " AND ") + d.memberOfList(text, false), d.listParameter(strings, false)));
    }
    if (!numbers.isEmpty()) {
      parts.add(SqlFragment.of(numberGuard + " AND " + d.memberOfList(number, true), d.listParameter(numbers, true)));
    }
    Optional<SqlFragment> rest = in(eq, others);
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    if (!others.isEmpty()) {
      parts.add(rest.get());
    }
    return Optional.of(parts.isEmpty() ? SqlFragment.of(d.bool(false)) : SqlFragment.join(" OR ", parts));
  }

  private Optional<SqlFragment> in(java.util.function.Function<Object, Optional<SqlFragment>> eq, Collection<?> values) {
    List<SqlFragment> parts = new ArrayList<>();
    for (Object v : values) {
      if (v == null) {
        continue;
      }
      Optional<SqlFragment> e = eq.apply(v);
      if (e.isEmpty()) {
        return Optional.empty();
      }
      parts.add(e.get());
    }
    return Optional.of(parts.isEmpty() ? SqlFragment.of(d.bool(false)) : SqlFragment.join(" OR ", parts));
  }

  private Optional<SqlFragment> leaf(Filter f) {
    if (unstorableText(f.value())) {
      return Optional.empty(); // engines cut text at NUL or re-encode a lone surrogate: the reference answers
    }
    JsonPath p = JsonPath.of(f.field());
    if (p == null) {
      return Optional.empty();
    }
    return p.isId() ? idLeaf(f) : pathLeaf(new PathSql(d, p, typed.apply(p)), f);
  }

  private Optional<SqlFragment> idLeaf(Filter f) {
    Object v = f.value();
    String id = d.quote("id");
    switch (f.operator()) {
      case EXISTS:
        return Optional.of(SqlFragment.of(d.bool(true)));
      case NOT_EXISTS:
        return Optional.of(SqlFragment.of(d.bool(false)));
      case EQ:
        return Optional.of(isString(v) ? SqlFragment.of(id + " = ?", v) : SqlFragment.of(d.bool(false)));
      case NEQ:
        return Optional.of(isString(v) ? SqlFragment.of(id + " <> ?", v) : SqlFragment.of(d.bool(true)));
      case IN:
      case NOT_IN: {
        Optional<SqlFragment> in = in(x -> Optional.of(isString(x) ? SqlFragment.of(id + " = ?", x) : SqlFragment.of(d.bool(false))),
            (Collection<?>) v, null, id, null, null);
        return f.operator() == Operator.IN ? in : in.map(x -> x.wrap("NOT (", ")"));
      }
      case GT:
      case GTE:
      case LT:
      case LTE:
        return Optional.of(isString(v) ? SqlFragment.of(id + " " + sqlOp(f.operator()) + " ?", v) : SqlFragment.of(d.bool(false)));
      case BETWEEN:
      case NOT_BETWEEN: {
        List<?> b = (List<?>) v;
        if (!isString(b.get(0)) || !isString(b.get(1))) {
          return Optional.of(SqlFragment.of(d.bool(false)));
        }
        String in = id + " >= ? AND " + id + " <= ?";
        return Optional.of(SqlFragment.of(f.operator() == Operator.BETWEEN ? in : "NOT (" + in + ")", b.get(0), b.get(1)));
      }
      case LIKE:
      case NOT_LIKE:
        if (!ascii((String) v)) {
          return Optional.empty();
        }
        return Optional.of(SqlFragment.of((f.operator() == Operator.NOT_LIKE ? "NOT " : "") + d.likeIgnoreCase(id), v));
      case STARTS_WITH:
        return Optional.of(SqlFragment.of(d.startsWith(id), d.startsWithParams((String) v)));
      case REGEX: {
        String sql = d.regex(id, (String) v);
        return sql == null ? Optional.empty() : Optional.of(SqlFragment.of(sql, v));
      }
      default:
        return Optional.empty();
    }
  }

  private static String sqlOp(Operator op) {
    switch (op) {
      case GT:
        return ">";
      case GTE:
        return ">=";
      case LT:
        return "<";
      default:
        return "<=";
    }
  }

  private Optional<SqlFragment> pathLeaf(PathSql p, Filter f) {
    Object v = f.value();
    switch (f.operator()) {
      case EXISTS:
        return Optional.of(SqlFragment.of(p.present()));
      case NOT_EXISTS:
        return Optional.of(SqlFragment.of(p.t + " IS NULL OR " + p.t + " = 'z'"));
      case EQ:
        return p.eq(v);
      case NEQ:
        return p.eq(v).map(e -> e.wrap(p.present() + " AND NOT (", ")"));
      case IN:
        return in(p::eq, (Collection<?>) v, p.comparableText(), p.s, p.isNumber, p.n);
      case NOT_IN:
        return in(p::eq, (Collection<?>) v, p.comparableText(), p.s, p.isNumber, p.n).map(e -> e.wrap(p.present() + " AND NOT (", ")"));
      case GT:
      case GTE:
      case LT:
      case LTE:
        return p.range(sqlOp(f.operator()), v);
      case BETWEEN:
        return p.between((List<?>) v, false);
      case NOT_BETWEEN:
        return p.between((List<?>) v, true);
      case LIKE:
      case NOT_LIKE:
        if (!ascii((String) v)) {
          return Optional.empty();
        }
        return Optional.of(SqlFragment.of(p.plainText() + " AND " + (f.operator() == Operator.NOT_LIKE ? "NOT " : "")
            + d.likeIgnoreCase(p.s), v));
      case STARTS_WITH:
        return Optional.of(SqlFragment.of(p.plainText() + " AND " + d.startsWith(p.s), d.startsWithParams((String) v)));
      case REGEX: {
        String sql = d.regex(p.s, (String) v);
        return sql == null ? Optional.empty() : Optional.of(SqlFragment.of(p.plainText() + " AND " + sql, v));
      }
      default:
        return Optional.empty();
    }
  }

  /**
   * ORDER BY terms with the evaluator's order (type rank: numbers, strings, booleans; null and
   * missing last in both directions), ending with insertion order so ties are stable.
   *
   * @return the terms, or empty if a key's path cannot be translated
   */
  public Optional<String> orderBy(List<Sort> sorts) {
    List<String> terms = new ArrayList<>();
    for (Sort s : sorts) {
      JsonPath p = JsonPath.of(s.field());
      if (p == null) {
        return Optional.empty();
      }
      String dir = s.order() == SortOrder.DESC ? " DESC" : " ASC";
      if (p.isId()) {
        terms.add(d.quote("id") + dir);
        continue;
      }
      PathSql x = new PathSql(d, p, typed.apply(p));
      terms.add("CASE WHEN " + x.t + " IS NULL OR " + x.t + " = 'z' THEN 1 ELSE 0 END ASC");
      terms.add("CASE " + x.t + " WHEN 'n' THEN 0 WHEN 's' THEN 1 WHEN 'f' THEN 2 WHEN 't' THEN 2 ELSE 3 END" + dir);
      terms.add("CASE WHEN " + x.isNumber + " THEN " + x.n + " END" + dir);
      terms.add("CASE WHEN " + x.isText + " THEN " + x.s + " END" + dir);
      terms.add("CASE WHEN " + x.t + " IN ('t', 'f') THEN " + x.t + " END" + dir);
    }
    terms.add(d.insertionOrder() + " ASC");
    return Optional.of(String.join(", ", terms));
  }

  /**
   * A condition that holds for rows whose value at one of {@code fields} would not sort (or
   * group) in SQL as the evaluator orders it: temporal, bytes, non-finite doubles, arrays and
   * objects. When no row matches it, {@link #orderBy} is exact.
   *
   * @return the condition, or empty if a path cannot be translated
   */
  public Optional<String> inexactOrdering(List<String> fields) {
    List<String> parts = new ArrayList<>();
    for (String f : fields) {
      JsonPath p = JsonPath.of(f);
      if (p == null) {
        return Optional.empty();
      }
      if (p.isId()) {
        continue;
      }
      PathSql x = new PathSql(d, p, typed.apply(p));
      parts.add("(" + x.h + " IS NOT NULL AND " + x.h + " <> 'decimal') OR " + x.t + " IN ('a', 'o')");
    }
    return Optional.of(parts.isEmpty() ? d.bool(false) : "(" + String.join(") OR (", parts) + ")");
  }
}

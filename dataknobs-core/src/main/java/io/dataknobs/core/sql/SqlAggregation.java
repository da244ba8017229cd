package io.dataknobs.core.sql;

import io.dataknobs.core.internal.sql.SqlFragment;


import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.query.Aggregator;
import io.dataknobs.core.query.QueryEvaluator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GROUP BY statement for {@link JdbcDatabase#aggregate} (run by {@link SqlQueries}): groups by type class, numeric and
 * text value (so {@code 1} and {@code 1.0} share a group, as in the evaluator), aggregates
 * numeric values only, and keeps integral results as {@code Long} when every value was an
 * integer. Groups are then ordered and paged as {@link Aggregator} orders them.
 */
final class SqlAggregation {
  private final SqlDialect d;
  private final FieldColumns.View typed;
  private final String table;
  private final List<JsonPath> groups;
  private final List<Aggregation> aggregations;
  private final List<JsonPath> fields;

  SqlAggregation(SqlDialect d, FieldColumns.View typed, String table, List<JsonPath> groups, List<Aggregation> aggregations,
      List<JsonPath> fields) {
    this.d = d;
    this.typed = typed;
    this.table = table;
    this.groups = groups;
    this.aggregations = aggregations;
    this.fields = fields;
  }

  /**
   * Each distinct path is read once per row (its raw type and value, in {@link #raw}); its class,
   * number, integer and text are derived from those (in {@link #inner}); the outer query groups
   * and aggregates them. Reading the JSON once per path instead of once per use is what keeps
   * this within a small factor of hand-written SQL. A path with {@linkplain FieldColumns typed
   * columns} reads those instead, parsing no JSON.
   */
  private final List<String> raw = new ArrayList<>();
  private final List<String> inner = new ArrayList<>();
  private final Map<String, Terms> terms = new LinkedHashMap<>();

  private Terms terms(JsonPath p) {
    return terms.computeIfAbsent(p.column() + p.literal(), k -> {
      int i = terms.size();
      FieldColumns.Columns c = typed.columnsOf(p);
      if (c != null) {
        return typedTerms(i, c);
      }
      raw.add(d.hintOf(p.hintColumn(), p.hintKey()) + " AS h" + i);
      inner.add("h" + i);
      raw.add(d.rawType(p.column(), p.literal()) + " AS rt" + i);
      raw.add(d.rawValue(p.column(), p.literal()) + " AS rv" + i);
      inner.add(d.classOf("rt" + i, "rv" + i) + " AS t" + i);
      inner.add(d.numberFrom("rt" + i, "rv" + i) + " AS n" + i);
      inner.add(d.integralFrom("rt" + i, "rv" + i) + " AS i" + i);
      inner.add(d.textFrom("rt" + i, "rv" + i) + " AS s" + i);
      inner.add("rv" + i + " AS v" + i);
      String cls = "COALESCE(t" + i + ", 'z')";
      return new Terms(i, d.typedRawValues(), true, true, true, d.typedRawValues() ? List.of(cls, "v" + i) : List.of(cls, "n" + i, "s" + i), cls,
          "count(v" + i + ")", "min(v" + i + ")");
    });
  }

  /**
   * Terms over a path's typed columns, grouped by the columns themselves (the class, and a
   * number's text, are worked out once per group) and leaving out the kinds of value the field
   * has never held: an aggregate or a grouping key over a NULL constant still costs its scan.
   */
  private Terms typedTerms(int i, FieldColumns.Columns c) {
    raw.add(c.hint() + " AS h" + i);
    inner.add("h" + i);
    List<String> keys = new ArrayList<>();
    List<String> count = new ArrayList<>();
    List<String> representative = new ArrayList<>();
    StringBuilder cls = new StringBuilder("(CASE");
    boolean hasIntegral = !FieldColumns.isNone(c.integral());
    boolean hasNumber = !FieldColumns.isNone(c.number());
    if (hasIntegral) {
      raw.add(c.integral() + " AS ri" + i);
      inner.add("ri" + i + " AS i" + i);
      representative.add("CAST(min(i" + i + ") AS VARCHAR)");
    }
    if (hasNumber) {
      raw.add(c.number() + " AS rn" + i);
      inner.add("rn" + i + " AS n" + i);
      keys.add("n" + i);
      count.add("count(n" + i + ")");
      representative.add("CAST(n" + i + " AS VARCHAR)");
      cls.append(" WHEN n").append(i).append(" IS NOT NULL THEN 'n'");
    }
    if (!FieldColumns.isNone(c.text())) {
      raw.add(c.text() + " AS rs" + i);
      inner.add("rs" + i + " AS s" + i);
      keys.add("s" + i);
      count.add("count(s" + i + ")");
      representative.add("s" + i);
      cls.append(" WHEN s").append(i).append(" IS NOT NULL THEN 's'");
    }
    String other = "'z'";
    if (!FieldColumns.isNone(c.other())) {
      raw.add(c.other() + " AS rk" + i);
      inner.add("rk" + i + " AS k" + i);
      keys.add("k" + i);
      count.add("count(nullif(k" + i + ", 'z'))");
      other = "COALESCE(k" + i + ", 'z')";
    }
    String groupClass = cls.length() == 5 ? other : cls + " ELSE " + other + " END)";
    return new Terms(i, false, hasIntegral, hasNumber, !FieldColumns.isNone(c.hint()), keys, groupClass, count.isEmpty() ? "0" : String.join(" + ", count),
        representative.isEmpty() ? "CAST(NULL AS VARCHAR)" : "COALESCE(" + String.join(", ", representative) + ")");
  }

  /** Column names of one extracted path; n, i and s are NULL unless the value is of their kind. */
  private static final class Terms {
    final String t;
    final String num;
    final String integral;
    final String txt;
    /** The raw value, when the dialect's raw values are typed (SQLite). */
    final String raw;
    /** What the groups of this path are keyed by. */
    final List<String> groupKeys;
    /** A group's class letter, from its keys. */
    final String groupClass;
    /** How many values are present (not JSON null). */
    final String count;
    /** A group's value as the engine's scalar: a number as SQL number or JSON text, a string as text. */
    final String representative;
    final String nonIntegralCount;

    /** True when {@link #raw} is a typed SQL value ({@link SqlDialect#typedRawValues}). */
    final boolean typedRaw;

    /** Whether the path can hold integers, numbers at all (typed columns know when it cannot). */
    final boolean hasIntegral;
    final boolean hasNumber;
    /** Whether a value of the path can carry a hint (typed columns know when none ever did). */
    final boolean hinted;

    Terms(int i, boolean typedRaw, boolean hasIntegral, boolean hasNumber, boolean hinted, List<String> groupKeys, String groupClass, String count,
        String representative) {
      this.typedRaw = typedRaw;
      this.hasIntegral = hasIntegral;
      this.hasNumber = hasNumber;
      this.hinted = hinted;
      this.groupKeys = groupKeys;
      this.groupClass = groupClass;
      t = "t" + i;
      num = "n" + i;
      integral = "i" + i;
      txt = "s" + i;
      raw = "v" + i;
      this.count = count;
      this.representative = representative;
      nonIntegralCount = !hasNumber ? "0" : hasIntegral ? "count(n" + i + ") - count(i" + i + ")" : "count(n" + i + ")";
    }
  }

  /**
   * @return the groups, or null when a group value is one SQL would group differently than the
   *     evaluator (a temporal, bytes or non-finite value, an array or an object): the caller then
   *     aggregates in memory. That check rides along in the same scan as the last column.
   */
  List<Record> run(SqlQueries db, SqlFragment where, Query query) {
    // typed raw values (SQLite) group by the value alone, half the sort keys; true and 1, or a
    // string and an array's text, then share a group, which its classes' min and max tell, and
    // the statement runs again grouped by class too
    boolean merge = !groups.isEmpty() && groups.stream().allMatch(p -> terms(p).typedRaw);
    List<Record> out = run(db, where, query, merge);
    return out == MIXED ? run(db, where, query, false) : out;
  }

  /** What {@link #run(SqlQueries, SqlFragment, Query, boolean)} returns when a merged group held two classes. */
  private static final List<Record> MIXED = java.util.Collections.unmodifiableList(new ArrayList<>());

  private List<Record> run(SqlQueries db, SqlFragment where, Query query, boolean merge) {
    // each distinct aggregate is selected once (count(n) - count(i) serves every function of a path)
    Map<String, Integer> select = new LinkedHashMap<>();
    List<String> groupBy = new ArrayList<>();
    List<String> inexact = new ArrayList<>();
    int[][] groupColumns = new int[groups.size()][];
    for (int gi = 0; gi < groups.size(); gi++) {
      Terms x = terms(groups.get(gi));
      groupColumns[gi] = merge
          ? new int[] {column(select, "min(" + x.groupClass + ")"), column(select, x.representative),
              column(select, "max(" + x.groupClass + ")")}
          : new int[] {column(select, x.groupClass), column(select, x.representative)};
      groupBy.addAll(merge ? List.of(x.raw) : x.groupKeys);
      int k = Integer.parseInt(x.t.substring(1));
      // arrays and objects show in a group's class; hints other than decimal only row by row, and
      // a kept field that never held a hinted value needs no such check (on 1M rows it costs as
      // much as a fifth of the statement)
      if (x.hinted) {
        inexact.add("(h" + k + " IS NOT NULL AND h" + k + " <> 'decimal')");
      }
    }
    int[][] aggregateColumns = new int[aggregations.size()][];
    boolean[] typedRaw = new boolean[aggregations.size()];
    for (int i = 0; i < aggregations.size(); i++) {
      Aggregation a = aggregations.get(i);
      JsonPath p = fields.get(i);
      if (p == null) {
        aggregateColumns[i] = new int[] {column(select, "count(*)")};
        continue;
      }
      Terms x = terms(p);
      typedRaw[i] = x.typedRaw;
      aggregateColumns[i] = switch (a.function()) {
        case COUNT -> new int[] {column(select, x.count)};
        case AVG -> new int[] {column(select, x.hasNumber ? "avg(" + x.num + ")" : "NULL")};
        default -> {
          String fn = a.function().name().toLowerCase(java.util.Locale.ROOT);
          // typed raw values keep integers exact, so one column serves both results
          yield x.typedRaw ? new int[] {column(select, fn + "(" + x.num + ")"), column(select, fn + "(" + x.num + ")"),
              column(select, x.nonIntegralCount)}
              : new int[] {column(select, x.hasIntegral ? fn + "(" + x.integral + ")" : "NULL"),
              column(select, x.hasNumber ? fn + "(" + x.num + ")" : "NULL"), column(select, x.nonIntegralCount)};
        }
      };
    }
    int inexactColumn = inexact.isEmpty() ? -1
        : column(select, "max(CASE WHEN " + String.join(" OR ", inexact) + " THEN 1 ELSE 0 END)");
    String outer = String.join(", ", select.keySet()) + " " + String.join(", ", groupBy);
    List<String> usedInner = used(inner, outer);
    List<String> usedRaw = used(raw, String.join(", ", usedInner));
    String source = inner.isEmpty() ? table + " WHERE " + where.sql()
        : "(" + d.derivedTable(String.join(", ", usedInner),
            "(" + d.derivedTable(String.join(", ", usedRaw), table + " WHERE " + where.sql()) + ") AS r") + ") AS x";
    String sql = "SELECT " + String.join(", ", select.keySet()) + " FROM " + source
        + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy));
    List<Object[]> rows = db.rows("aggregate", sql, where.params(), select.size(), groupBy.isEmpty() ? List.of() : d.groupingSettings());
    if (merge) {
      for (Object[] row : rows) {
        for (int[] g : groupColumns) {
          if (!java.util.Objects.equals(row[g[0]], row[g[2]])) {
            return MIXED;
          }
        }
      }
    }
    for (Object[] row : rows) {
      if (inexactColumn >= 0 && row[inexactColumn] != null && ((Number) row[inexactColumn]).intValue() != 0) {
        return null;
      }
      for (int[] g : groupColumns) {
        if ("a".equals(String.valueOf(row[g[0]])) || "o".equals(String.valueOf(row[g[0]]))) {
          return null;
        }
      }
    }
    List<Record> out = new ArrayList<>();
    for (Object[] row : rows) {
      Map<String, Object> data = new LinkedHashMap<>();
      for (int gi = 0; gi < groups.size(); gi++) {
        Object raw = row[groupColumns[gi][1]];
        Object value = switch (String.valueOf(row[groupColumns[gi][0]])) {
          case "n" -> numberOf(raw);
          case "s" -> String.valueOf(raw);
          case "t" -> Boolean.TRUE;
          case "f" -> Boolean.FALSE;
          default -> null;
        };
        Aggregator.putPath(data, query.groupBy().get(gi), value);
      }
      for (int i = 0; i < aggregations.size(); i++) {
        Aggregation a = aggregations.get(i);
        int[] c = aggregateColumns[i];
        if (fields.get(i) == null || a.function() == io.dataknobs.api.query.AggregateFunction.COUNT) {
          Object v = row[c[0]];
          data.put(a.alias(), v == null ? 0L : ((Number) v).longValue());
        } else if (a.function() == io.dataknobs.api.query.AggregateFunction.AVG) {
          Object v = row[c[0]];
          data.put(a.alias(), v == null ? null : ((Number) v).doubleValue());
        } else if (a.function() == io.dataknobs.api.query.AggregateFunction.SUM) {
          Object v = integralOrDouble(row[c[0]], row[c[1]], row[c[2]]);
          data.put(a.alias(), v == null ? 0L : v);
        } else {
          boolean min = a.function() == io.dataknobs.api.query.AggregateFunction.MIN;
          data.put(a.alias(), typedRaw[i] ? (row[c[1]] == null ? null : numberOf(row[c[1]])) : extreme(row[c[0]], row[c[1]], min));
        }
      }
      out.add(Record.of(data));
    }
    if (groups.isEmpty() && out.isEmpty()) {
      return Aggregator.aggregate(query, aggregations, List.of());
    }
    Query byGroup = Query.all();
    for (String g : query.groupBy()) {
      byGroup = byGroup.sort(g);
    }
    return QueryEvaluator.page(query.withoutSelect(), QueryEvaluator.page(byGroup, out, true), true);
  }

  /**
   * @return the columns of {@code columns} ({@code expr AS alias}, or a bare alias) whose alias
   *     {@code sql} uses: an engine that does not merge the derived table computes every column
   *     it lists, used or not
   */
  private static List<String> used(List<String> columns, String sql) {
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      String alias = c.substring(c.lastIndexOf(' ') + 1);
      if (java.util.regex.Pattern.compile("\\b" + alias + "\\b").matcher(sql).find()) {
        out.add(c);
      }
    }
    return out;
  }

  /** @return the position of {@code expr} among the selected columns, added if new */
  private static int column(Map<String, Integer> select, String expr) {
    return select.computeIfAbsent(expr, k -> select.size());
  }

  /** @return a group's number from its raw value (a SQL number, or the JSON text of one) */
  private static Object numberOf(Object raw) {
    if (raw instanceof Number) {
      return raw instanceof Integer || raw instanceof Long || raw instanceof Short ? (Object) ((Number) raw).longValue()
          : raw instanceof BigDecimal || raw instanceof BigInteger ? toLong((Number) raw) : (Object) ((Number) raw).doubleValue();
    }
    String text = String.valueOf(raw);
    if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
      return toLong(new BigDecimal(text));
    }
    return Double.valueOf(text);
  }

  /**
   * @return the smallest (or largest) value as stored: the integers' extreme when it is the
   *     extreme of all values, else the extreme of all values as a double
   */
  private static Object extreme(Object integral, Object numeric, boolean min) {
    if (numeric == null) {
      return null;
    }
    double all = ((Number) numeric).doubleValue();
    if (integral != null) {
      double ints = ((Number) integral).doubleValue();
      if (min ? ints <= all : ints >= all) {
        return toLong((Number) integral);
      }
    }
    return all;
  }

  /** @return the integral result as Long when no value was fractional, else the numeric result as Double */
  private static Object integralOrDouble(Object integral, Object numeric, Object nonIntegralCount) {
    boolean allIntegral = nonIntegralCount == null || ((Number) nonIntegralCount).longValue() == 0;
    if (allIntegral && integral != null) {
      return toLong((Number) integral);
    }
    return numeric == null ? null : ((Number) numeric).doubleValue();
  }

  private static Object toLong(Number n) {
    try {
      if (n instanceof BigDecimal) {
        return ((BigDecimal) n).longValueExact();
      }
      if (n instanceof BigInteger) {
        return ((BigInteger) n).longValueExact();
      }
      return n.longValue();
    } catch (ArithmeticException e) {
      return new BigDecimal(n.toString());
    }
  }
}

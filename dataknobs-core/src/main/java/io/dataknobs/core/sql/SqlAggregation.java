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
  private final String table;
  private final List<JsonPath> groups;
  private final List<Aggregation> aggregations;
  private final List<JsonPath> fields;

  SqlAggregation(SqlDialect d, String table, List<JsonPath> groups, List<Aggregation> aggregations, List<JsonPath> fields) {
    this.d = d;
    this.table = table;
    this.groups = groups;
    this.aggregations = aggregations;
    this.fields = fields;
  }

  /**
   * Each distinct path is read once per row (its raw type and value, in {@link #raw}); its class,
   * number, integer and text are derived from those (in {@link #inner}); the outer query groups
   * and aggregates them. Reading the JSON once per path instead of once per use is what keeps
   * this within a small factor of hand-written SQL.
   */
  private final List<String> raw = new ArrayList<>();
  private final List<String> inner = new ArrayList<>();
  private final Map<String, Terms> terms = new LinkedHashMap<>();

  private Terms terms(JsonPath p) {
    return terms.computeIfAbsent(p.column() + p.literal(), k -> {
      int i = terms.size();
      raw.add(d.hintOf(p.hintColumn(), p.hintKey()) + " AS h" + i);
      inner.add("h" + i);
      raw.add(d.rawType(p.column(), p.literal()) + " AS rt" + i);
      raw.add(d.rawValue(p.column(), p.literal()) + " AS rv" + i);
      inner.add(d.classOf("rt" + i, "rv" + i) + " AS t" + i);
      inner.add(d.numberFrom("rt" + i, "rv" + i) + " AS n" + i);
      inner.add(d.integralFrom("rt" + i, "rv" + i) + " AS i" + i);
      inner.add(d.textFrom("rt" + i, "rv" + i) + " AS s" + i);
      inner.add("rv" + i + " AS v" + i);
      return new Terms(i);
    });
  }

  /** Column names of one extracted path; n, i and s are NULL unless the value is of their kind. */
  private static final class Terms {
    final String t;
    final String num;
    final String integral;
    final String txt;
    final String raw;
    final String nonIntegralCount;

    Terms(int i) {
      t = "t" + i;
      num = "n" + i;
      integral = "i" + i;
      txt = "s" + i;
      raw = "v" + i;
      nonIntegralCount = "count(n" + i + ") - count(i" + i + ")";
    }
  }

  /**
   * @return the groups, or null when a group value is one SQL would group differently than the
   *     evaluator (a temporal, bytes or non-finite value, an array or an object): the caller then
   *     aggregates in memory. That check rides along in the same scan as the last column.
   */
  List<Record> run(SqlQueries db, SqlFragment where, Query query) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    List<String> inexact = new ArrayList<>();
    for (JsonPath g : groups) {
      Terms x = terms(g);
      String cls = "COALESCE(" + x.t + ", 'z')";
      select.add(cls);
      select.add("min(" + x.raw + ")");
      groupBy.add(cls);
      groupBy.add(x.num);
      groupBy.add(x.txt);
      int k = Integer.parseInt(x.t.substring(1));
      inexact.add("(h" + k + " IS NOT NULL AND h" + k + " <> 'decimal') OR " + x.t + " IN ('a', 'o')");
    }
    for (int i = 0; i < aggregations.size(); i++) {
      Aggregation a = aggregations.get(i);
      JsonPath p = fields.get(i);
      if (p == null) {
        select.add("count(*)");
        continue;
      }
      Terms x = terms(p);
      switch (a.function()) {
        case COUNT:
          select.add("count(" + x.raw + ")");
          break;
        case AVG:
          select.add("avg(" + x.num + ")");
          break;
        default: {
          String fn = a.function().name().toLowerCase(java.util.Locale.ROOT);
          select.add(fn + "(" + x.integral + ")");
          select.add(fn + "(" + x.num + ")");
          select.add(x.nonIntegralCount);
        }
      }
    }
    if (!inexact.isEmpty()) {
      select.add("max(CASE WHEN " + String.join(" OR ", inexact) + " THEN 1 ELSE 0 END)");
    }
    String source = inner.isEmpty() ? table + " WHERE " + where.sql()
        : "(SELECT " + String.join(", ", inner) + " FROM (SELECT " + String.join(", ", raw) + " FROM " + table + " WHERE "
            + where.sql() + ") AS r) AS x";
    String sql = "SELECT " + String.join(", ", select) + " FROM " + source
        + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy));
    List<Record> out = new ArrayList<>();
    List<Object[]> rows = db.rows("aggregate", sql, where.params(), select.size());
    if (!inexact.isEmpty()) {
      for (Object[] row : rows) {
        if (row[row.length - 1] != null && ((Number) row[row.length - 1]).intValue() != 0) {
          return null;
        }
      }
    }
    for (Object[] row : rows) {
      Map<String, Object> data = new LinkedHashMap<>();
      int col = 0;
      for (int gi = 0; gi < groups.size(); gi++) {
        String cls = String.valueOf(row[col]);
        Object value;
        switch (cls) {
          case "n":
            value = numberOf(row[col + 1]);
            break;
          case "s":
            value = String.valueOf(row[col + 1]);
            break;
          case "t":
            value = Boolean.TRUE;
            break;
          case "f":
            value = Boolean.FALSE;
            break;
          default:
            value = null;
        }
        Aggregator.putPath(data, query.groupBy().get(gi), value);
        col += 2;
      }
      for (int i = 0; i < aggregations.size(); i++) {
        Aggregation a = aggregations.get(i);
        if (fields.get(i) == null || a.function() == io.dataknobs.api.query.AggregateFunction.COUNT) {
          Object v = row[col++];
          data.put(a.alias(), v == null ? 0L : ((Number) v).longValue());
        } else if (a.function() == io.dataknobs.api.query.AggregateFunction.AVG) {
          Object v = row[col++];
          data.put(a.alias(), v == null ? null : ((Number) v).doubleValue());
        } else {
          Object v = integralOrDouble(row[col], row[col + 1], row[col + 2]);
          col += 3;
          if (v == null && a.function() == io.dataknobs.api.query.AggregateFunction.SUM) {
            v = 0L;
          }
          data.put(a.alias(), v);
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

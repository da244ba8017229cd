package io.dataknobs.core.sql;

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
 * One GROUP BY statement for {@link JdbcDatabase#aggregate}: groups by type class, numeric and
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

  /** Each distinct path is extracted once per row by the inner SELECT; the outer query uses these columns. */
  private final List<String> inner = new ArrayList<>();
  private final Map<String, Terms> terms = new LinkedHashMap<>();

  private Terms terms(JsonPath p) {
    return terms.computeIfAbsent(p.column() + p.literal(), k -> {
      int i = terms.size();
      inner.add(d.typeOf(p.column(), p.literal()) + " AS t" + i);
      inner.add(d.numberOf(p.column(), p.literal()) + " AS n" + i);
      inner.add(d.integralOf(p.column(), p.literal()) + " AS i" + i);
      inner.add(d.textOf(p.column(), p.literal()) + " AS s" + i);
      return new Terms(i);
    });
  }

  /** Expressions over one extracted path. */
  private static final class Terms {
    final String t;
    final String num;
    final String integral;
    final String txt;
    final String nonIntegralCount;

    Terms(int i) {
      t = "t" + i;
      num = "CASE WHEN t" + i + " = 'n' THEN n" + i + " END";
      integral = "CASE WHEN t" + i + " = 'n' THEN i" + i + " END";
      txt = "CASE WHEN t" + i + " = 's' THEN s" + i + " END";
      nonIntegralCount = "count(CASE WHEN t" + i + " = 'n' AND i" + i + " IS NULL THEN 1 END)";
    }
  }

  List<Record> run(JdbcDatabase db, SqlFragment where, Query query) {
    List<String> select = new ArrayList<>();
    List<String> groupBy = new ArrayList<>();
    for (JsonPath g : groups) {
      Terms x = terms(g);
      String cls = "CASE WHEN " + x.t + " IS NULL OR " + x.t + " = 'z' THEN 'z' ELSE " + x.t + " END";
      select.add(cls);
      select.add("min(" + x.num + ")");
      select.add("min(" + x.txt + ")");
      select.add("min(" + x.integral + ")");
      select.add(x.nonIntegralCount);
      groupBy.add(cls);
      groupBy.add(x.num);
      groupBy.add(x.txt);
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
          select.add("sum(CASE WHEN " + x.t + " IS NOT NULL AND " + x.t + " <> 'z' THEN 1 ELSE 0 END)");
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
    String source = inner.isEmpty() ? table + " WHERE " + where.sql()
        : "(SELECT " + String.join(", ", inner) + " FROM " + table + " WHERE " + where.sql() + ") AS x";
    String sql = "SELECT " + String.join(", ", select) + " FROM " + source
        + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy));
    List<Record> out = new ArrayList<>();
    for (Object[] row : db.rows("aggregate", sql, where.params(), select.size())) {
      Map<String, Object> data = new LinkedHashMap<>();
      int col = 0;
      for (int gi = 0; gi < groups.size(); gi++) {
        String cls = String.valueOf(row[col]);
        Object value;
        switch (cls) {
          case "n":
            value = integralOrDouble(row[col + 3], row[col + 1], row[col + 4]);
            break;
          case "s":
            value = row[col + 2];
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
        col += 5;
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

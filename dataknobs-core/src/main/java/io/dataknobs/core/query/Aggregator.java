package io.dataknobs.core.query;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The reference implementation of aggregations (rule 21): filters apply first, then records
 * are grouped by the group-by fields (numbers equal across types fall in one group; a
 * missing field is a group of its own, null), and one record is produced per group, holding
 * the group values and one field per aggregation alias. Groups come out ordered by their
 * group values (nulls last) unless the query sorts by output fields; offset and limit then
 * apply to the groups.
 */
public final class Aggregator {
  private Aggregator() {}

  /** Aggregates {@code records} (not yet filtered). */
  public static List<Record> aggregate(Query query, List<Aggregation> aggregations, Collection<Record> records) {
    Predicate<Record> p = query.matchesAll() ? r -> true : QueryEvaluator.compile(query.condition());
    List<String> groupBy = query.groupBy();
    Map<GroupKey, Group> groups = new LinkedHashMap<>();
    if (groupBy.isEmpty()) {
      groups.put(new GroupKey(List.of()), new Group(List.of(), aggregations));
    }
    for (Record r : records) {
      if (!p.test(r)) {
        continue;
      }
      List<Object> values = new ArrayList<>(groupBy.size());
      for (String g : groupBy) {
        values.add(r.get(g));
      }
      groups.computeIfAbsent(new GroupKey(values), k -> new Group(values, aggregations)).add(r);
    }
    List<Record> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      out.add(g.toRecord(groupBy));
    }
    return finish(query, out);
  }

  /**
   * Orders group records (as {@link #aggregate} makes them: group values at their paths, one
   * field per alias) by their group values, nulls last, unless the query sorts them, then applies
   * offset and limit. For engines that aggregate natively and must return the same list.
   */
  public static List<Record> finish(Query query, List<Record> groupRecords) {
    List<String> groupBy = query.groupBy();
    List<Record> ordered = new ArrayList<>(groupRecords);
    ordered.sort((a, b) -> {
      for (String g : groupBy) {
        int c = Comparisons.compareNullsLast(groupValue(a, g), groupValue(b, g));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    return QueryEvaluator.page(query.withoutSelect(), ordered, true);
  }

  /** @return the group value at a dotted path of a group record's data (where {@link #putPath} put it) */
  private static Object groupValue(Record r, String path) {
    Object cur = r.data();
    for (String seg : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?>)) {
        return null;
      }
      cur = ((Map<?, ?>) cur).get(seg);
    }
    return cur;
  }

  /** Puts {@code v} at a dotted path of {@code root}, creating nested maps (group fields of output records). */
  @SuppressWarnings("unchecked")
  public static void putPath(Map<String, Object> root, String path, Object v) {
    String[] segs = path.split("\\.");
    Map<String, Object> cur = root;
    for (int i = 0; i < segs.length - 1; i++) {
      cur = (Map<String, Object>) cur.computeIfAbsent(segs[i], k -> new LinkedHashMap<String, Object>());
    }
    cur.put(segs[segs.length - 1], v);
  }

  /** A group identity in which numerically equal numbers are equal. */
  private static final class GroupKey {
    private final List<Object> canonical;

    GroupKey(List<Object> values) {
      List<Object> c = new ArrayList<>(values.size());
      for (Object v : values) {
        c.add(canonical(v));
      }
      this.canonical = c;
    }

    private static Object canonical(Object v) {
      if (v instanceof Long || v instanceof BigDecimal || v instanceof Double d && Double.isFinite(d)) {
        return Comparisons.numberKey(v);
      }
      if (v instanceof byte[]) {
        return java.nio.ByteBuffer.wrap((byte[]) v);
      }
      return v;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GroupKey && canonical.equals(((GroupKey) o).canonical);
    }

    @Override
    public int hashCode() {
      return canonical.hashCode();
    }
  }

  private static final class Group {
    final List<Object> values;
    final List<Aggregation> aggregations;
    final Accumulator[] acc;

    Group(List<Object> values, List<Aggregation> aggregations) {
      this.values = values;
      this.aggregations = aggregations;
      this.acc = new Accumulator[aggregations.size()];
      for (int i = 0; i < acc.length; i++) {
        acc[i] = new Accumulator(aggregations.get(i));
      }
    }

    void add(Record r) {
      for (Accumulator a : acc) {
        a.add(r);
      }
    }

    Record toRecord(List<String> groupBy) {
      Map<String, Object> data = new LinkedHashMap<>();
      for (int i = 0; i < groupBy.size(); i++) {
        putPath(data, groupBy.get(i), values.get(i));
      }
      for (Accumulator a : acc) {
        data.put(a.aggregation.alias(), a.result());
      }
      return Record.of(data);
    }

  }

  /** Accumulates one aggregation over one group. */
  private static final class Accumulator {
    final Aggregation aggregation;
    long count;
    long longSum;
    boolean longOverflow;
    BigDecimal decimalSum = BigDecimal.ZERO;
    boolean sawDecimal;
    boolean sawDouble;
    double doubleSum;
    Object min;
    Object max;

    Accumulator(Aggregation aggregation) {
      this.aggregation = aggregation;
    }

    void add(Record r) {
      if (aggregation.field() == null) {
        count++;
        return;
      }
      Object v = r.get(aggregation.field());
      switch (aggregation.function()) {
        case COUNT:
          if (v != null) {
            count++;
          }
          return;
        default:
          if (!Comparisons.isNumber(v)) {
            return;
          }
      }
      count++;
      if (v instanceof Long && !longOverflow) {
        try {
          longSum = Math.addExact(longSum, (Long) v);
        } catch (ArithmeticException e) {
          longOverflow = true;
        }
      }
      if (v instanceof Double) {
        sawDouble = true;
      } else if (v instanceof BigDecimal) {
        sawDecimal = true;
      }
      doubleSum += ((Number) v).doubleValue();
      if (!sawDouble) {
        // the exact sum answers only while no double was seen (a double's decimal form cost four
        // fifths of an in-memory grouped sum)
        decimalSum = decimalSum.add(Comparisons.decimal(v));
      }
      if (min == null || Comparisons.compareNumbers(v, min) < 0) {
        min = v;
      }
      if (max == null || Comparisons.compareNumbers(v, max) > 0) {
        max = v;
      }
    }

    Object result() {
      switch (aggregation.function()) {
        case COUNT:
          return count;
        case SUM:
          if (sawDouble) {
            return doubleSum;
          }
          if (sawDecimal || longOverflow) {
            // a sum a record cannot hold (rule 10) is given as the nearest double, as an engine summing in doubles gives it
            return io.dataknobs.core.internal.base.Storable.number(decimalSum) ? decimalSum : (Object) decimalSum.doubleValue();
          }
          return longSum;
        case AVG:
          if (count == 0) {
            return null;
          }
          return sawDouble ? doubleSum / count
              : decimalSum.divide(BigDecimal.valueOf(count), java.math.MathContext.DECIMAL64).doubleValue();
        case MIN:
          return min;
        default:
          return max;
      }
    }
  }
}

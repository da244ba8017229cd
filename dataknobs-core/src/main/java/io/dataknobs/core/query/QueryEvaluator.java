package io.dataknobs.core.query;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Condition;
import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.FilterCondition;
import io.dataknobs.api.query.LogicCondition;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.Sort;
import io.dataknobs.api.query.SortOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The reference implementation of query semantics (rules 12–19): every backend returns
 * what this returns, and falls back to it for whatever it cannot push down to its engine.
 * Stateless and thread-safe.
 */
public final class QueryEvaluator {
  private QueryEvaluator() {}

  /** @return a predicate for {@code condition}, with patterns compiled once */
  public static Predicate<Record> compile(Condition condition) {
    if (condition instanceof FilterCondition) {
      return compile(((FilterCondition) condition).filter());
    }
    LogicCondition l = (LogicCondition) condition;
    List<Predicate<Record>> parts = new ArrayList<>(l.conditions().size());
    for (Condition c : l.conditions()) {
      parts.add(compile(c));
    }
    switch (l.operator()) {
      case AND:
        return r -> {
          for (Predicate<Record> p : parts) {
            if (!p.test(r)) {
              return false;
            }
          }
          return true;
        };
      case OR:
        return r -> {
          for (Predicate<Record> p : parts) {
            if (p.test(r)) {
              return true;
            }
          }
          return false;
        };
      default:
        return r -> {
          for (Predicate<Record> p : parts) {
            if (p.test(r)) {
              return false;
            }
          }
          return true;
        };
    }
  }

  /** @return a predicate for one filter (two-valued logic: missing or null is false) */
  public static Predicate<Record> compile(Filter f) {
    String field = f.field();
    Object v = f.value();
    switch (f.operator()) {
      case EXISTS:
        return r -> r.get(field) != null;
      case NOT_EXISTS:
        return r -> r.get(field) == null;
      case EQ:
        return r -> Comparisons.equal(r.get(field), v);
      case NEQ:
        return r -> {
          Object x = r.get(field);
          return x != null && !Comparisons.equal(x, v);
        };
      case GT:
        return range(field, v, c -> c > 0);
      case GTE:
        return range(field, v, c -> c >= 0);
      case LT:
        return range(field, v, c -> c < 0);
      case LTE:
        return range(field, v, c -> c <= 0);
      case IN: {
        java.util.function.Predicate<Object> member = membership((Collection<?>) v);
        return r -> member.test(r.get(field));
      }
      case NOT_IN: {
        java.util.function.Predicate<Object> member = membership((Collection<?>) v);
        return r -> {
          Object x = r.get(field);
          return x != null && !member.test(x);
        };
      }
      case BETWEEN:
      case NOT_BETWEEN: {
        List<?> bounds = (List<?>) v;
        boolean negate = f.operator() == io.dataknobs.api.query.Operator.NOT_BETWEEN;
        return r -> {
          Integer lo = Comparisons.compareForRange(r.get(field), bounds.get(0));
          Integer hi = Comparisons.compareForRange(r.get(field), bounds.get(1));
          if (lo == null || hi == null) {
            return false;
          }
          return (lo >= 0 && hi <= 0) != negate;
        };
      }
      case LIKE:
      case NOT_LIKE: {
        Pattern p = likePattern((String) v);
        boolean negate = f.operator() == io.dataknobs.api.query.Operator.NOT_LIKE;
        return r -> {
          Object x = r.get(field);
          return x instanceof String && p.matcher((String) x).matches() != negate;
        };
      }
      case STARTS_WITH: {
        String prefix = (String) v;
        return r -> {
          Object x = r.get(field);
          return x instanceof String && ((String) x).startsWith(prefix);
        };
      }
      case REGEX: {
        Pattern p = Pattern.compile((String) v);
        return r -> {
          Object x = r.get(field);
          return x instanceof String && p.matcher((String) x).find();
        };
      }
      default:
        throw new IllegalStateException("operator " + f.operator());
    }
  }

  private interface IntTest {
    boolean test(int c);
  }

  private static Predicate<Record> range(String field, Object v, IntTest test) {
    return r -> {
      Integer c = Comparisons.compareForRange(r.get(field), v);
      return c != null && test.test(c);
    };
  }

  /**
   * Membership in {@code options} as {@link Comparisons#equal} defines it; a long list is hashed
   * (strings by value, finite numbers by {@link Comparisons#numberKey}) so 100,000 values cost one
   * lookup per record, with the values of other types compared one by one.
   */
  private static java.util.function.Predicate<Object> membership(Collection<?> options) {
    if (options.size() <= 16) {
      return x -> in(x, options);
    }
    java.util.Set<String> strings = new java.util.HashSet<>();
    java.util.Set<Object> numbers = new java.util.HashSet<>();
    List<Object> rest = new java.util.ArrayList<>();
    for (Object o : options) {
      if (o instanceof String str) {
        strings.add(str);
      } else if (finite(o)) {
        numbers.add(Comparisons.numberKey(o));
      } else if (o != null) {
        rest.add(o);
      }
    }
    return x -> {
      if (x == null) {
        return false;
      }
      if (x instanceof String str && strings.contains(str) || finite(x) && numbers.contains(Comparisons.numberKey(x))) {
        return true;
      }
      return in(x, rest) || !(x instanceof String) && !finite(x) && (in(x, strings) || in(x, numbers));
    };
  }

  private static boolean finite(Object o) {
    return Comparisons.isNumber(o) && !(o instanceof Double d && !Double.isFinite(d));
  }

  private static boolean in(Object x, Collection<?> options) {
    if (x == null) {
      return false;
    }
    for (Object o : options) {
      if (Comparisons.equal(x, o)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @return the anchored, case-insensitive regular expression of a LIKE pattern: {@code %}
   *     any run, {@code _} one character, everything else literal
   */
  public static Pattern likePattern(String like) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < like.length(); ) {
      int cp = like.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '%' || cp == '_') {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(cp == '%' ? ".*" : ".");
      } else {
        literal.appendCodePoint(cp);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  /** @return true if {@code record} matches the query's filters and condition */
  public static boolean matches(Query query, Record record) {
    return compile(query.condition()).test(record);
  }

  /** @return the comparator of the query's sort keys (stable use: nulls last both ways), or null if unsorted */
  public static Comparator<Record> comparator(List<Sort> sorts) {
    Comparator<Record> c = null;
    for (Sort s : sorts) {
      String field = s.field();
      boolean desc = s.order() == SortOrder.DESC;
      Comparator<Record> k = (a, b) -> {
        Object x = a.get(field);
        Object y = b.get(field);
        if (x == null || y == null) {
          return Comparisons.compareNullsLast(x, y);
        }
        int r = Comparisons.compareForSort(x, y);
        return desc ? -r : r;
      };
      c = c == null ? k : c.thenComparing(k);
    }
    return c;
  }

  /**
   * Runs a query over records: filter, stable sort, offset, limit, projection.
   *
   * @param records candidate records (already carrying their ids)
   */
  public static List<Record> apply(Query query, Collection<Record> records) {
    Predicate<Record> p = query.matchesAll() ? r -> true : compile(query.condition());
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      if (p.test(r)) {
        out.add(r);
      }
    }
    return page(query, out, true);
  }

  /**
   * Sorts (stably), pages and projects records that already match the query's filters.
   *
   * @param sort false if {@code matched} is already in the query's order
   */
  public static List<Record> page(Query query, List<Record> matched, boolean sort) {
    List<Record> out = matched;
    Comparator<Record> c = comparator(query.sorts());
    if (sort && c != null) {
      out = new ArrayList<>(out);
      out.sort(c);
    }
    int from = Math.min(query.offset(), out.size());
    int to = query.limit() == null ? out.size() : (int) Math.min(out.size(), (long) from + query.limit());
    if (from != 0 || to != out.size()) {
      out = new ArrayList<>(out.subList(from, to));
    }
    if (query.select() != null) {
      List<Record> projected = new ArrayList<>(out.size());
      for (Record r : out) {
        projected.add(r.project(query.select()));
      }
      out = projected;
    }
    return out;
  }

  /** @return how many records match the query's filters (ignores paging and projection) */
  public static long count(Query query, Collection<Record> records) {
    if (query.matchesAll()) {
      return records.size();
    }
    Predicate<Record> p = compile(query.condition());
    long n = 0;
    for (Record r : records) {
      if (p.test(r)) {
        n++;
      }
    }
    return n;
  }
}

package io.dataknobs.api.query;

import io.dataknobs.api.QueryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable query: filters (ANDed), an optional extra {@link Condition} (ANDed with the
 * filters), sort keys, offset, limit, projection and group-by fields. Every method returns a
 * new query; malformed input is rejected at once with {@link QueryException}.
 *
 * <p>Execution order is filter → sort → offset → limit → projection. Without a limit every
 * match is returned; {@code limit(0)} returns nothing.
 *
 * <p>Queries are values ({@code equals}/{@code hashCode}) with a canonical map form
 * ({@link #toMap()}, {@link #fromMap(Map)}) that is stable across JVMs.
 */
public final class Query {
  private static final Query ALL = new Query(List.of(), null, List.of(), null, 0, null, List.of());

  private final List<Filter> filters;
  private final Condition where;
  private final List<Sort> sorts;
  private final Integer limit;
  private final int offset;
  private final List<String> select;
  private final List<String> groupBy;

  private Query(List<Filter> filters, Condition where, List<Sort> sorts, Integer limit, int offset,
      List<String> select, List<String> groupBy) {
    this.filters = filters;
    this.where = where;
    this.sorts = sorts;
    this.limit = limit;
    this.offset = offset;
    this.select = select;
    this.groupBy = groupBy;
  }

  /** @return the query matching every record */
  public static Query all() {
    return ALL;
  }

  /** @return this query with a filter ANDed; see {@link Filter} for validation */
  public Query filter(String field, Operator operator, Object value) {
    return filter(new Filter(field, operator, value));
  }

  /** @return this query with a filter ANDed, the operator given by name or symbol */
  public Query filter(String field, String operator, Object value) {
    return filter(Filter.of(field, operator, value));
  }

  /** @return this query with {@code filter} ANDed */
  public Query filter(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    List<Filter> f = new ArrayList<>(filters);
    f.add(filter);
    return new Query(List.copyOf(f), where, sorts, limit, offset, select, groupBy);
  }

  /** @return this query with {@code condition} ANDed to its filters and earlier conditions */
  public Query where(Condition condition) {
    if (condition == null) {
      throw new QueryException("where condition must not be null");
    }
    Condition w = where == null ? condition : Condition.and(where, condition);
    return new Query(filters, w, sorts, limit, offset, select, groupBy);
  }

  /** @return this query with a further sort key (earlier keys take precedence) */
  public Query sort(String field, SortOrder order) {
    List<Sort> s = new ArrayList<>(sorts);
    s.add(new Sort(field, order));
    return new Query(filters, where, List.copyOf(s), limit, offset, select, groupBy);
  }

  /** @return this query with a further ascending sort key */
  public Query sort(String field) {
    return sort(field, SortOrder.ASC);
  }

  /** @return this query returning at most {@code n} records; {@code n >= 0} */
  public Query limit(int n) {
    if (n < 0) {
      throw new QueryException("limit must be >= 0, got " + n);
    }
    return new Query(filters, where, sorts, n, offset, select, groupBy);
  }

  /** @return this query skipping the first {@code n} matches; {@code n >= 0} */
  public Query offset(int n) {
    if (n < 0) {
      throw new QueryException("offset must be >= 0, got " + n);
    }
    return new Query(filters, where, sorts, limit, n, select, groupBy);
  }

  /** @return this query keeping only the given fields (plus id and metadata) in results */
  public Query select(String... fields) {
    return select(List.of(fields));
  }

  /** @return this query keeping only the given fields (plus id and metadata) in results */
  public Query select(Collection<String> fields) {
    List<String> s = new ArrayList<>();
    for (String f : fields) {
      s.add(Paths.validate(f, "select field"));
    }
    return new Query(filters, where, sorts, limit, offset, List.copyOf(s), groupBy);
  }

  /** @return this query grouping aggregations by the given fields */
  public Query groupBy(String... fields) {
    return groupBy(List.of(fields));
  }

  /** @return this query grouping aggregations by the given fields */
  public Query groupBy(Collection<String> fields) {
    List<String> g = new ArrayList<>();
    for (String f : fields) {
      g.add(Paths.validate(f, "group-by field"));
    }
    return new Query(filters, where, sorts, limit, offset, select, List.copyOf(g));
  }

  /** @return a copy without offset and limit (the filters and sort stay) */
  public Query withoutPaging() {
    return new Query(filters, where, sorts, null, 0, select, groupBy);
  }

  /** @return a copy without sort keys */
  public Query withoutSort() {
    return new Query(filters, where, List.of(), limit, offset, select, groupBy);
  }

  /** @return a copy without projection */
  public Query withoutSelect() {
    return new Query(filters, where, sorts, limit, offset, null, groupBy);
  }

  /** @return the filters, in the order added */
  public List<Filter> filters() {
    return filters;
  }

  /** @return the extra condition given to {@link #where(Condition)}, or null */
  public Condition where() {
    return where;
  }

  /**
   * @return the whole filter as one condition: the filters and the {@code where} condition
   *     ANDed ({@code AND()} of nothing when there are none)
   */
  public Condition condition() {
    List<Condition> parts = new ArrayList<>(filters.size() + 1);
    for (Filter f : filters) {
      parts.add(new FilterCondition(f));
    }
    if (where != null) {
      parts.add(where);
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return new LogicCondition(LogicOperator.AND, parts);
  }

  /** @return true if there is neither a filter nor a condition */
  public boolean matchesAll() {
    return filters.isEmpty() && where == null;
  }

  /** @return the sort keys, most significant first */
  public List<Sort> sorts() {
    return sorts;
  }

  /** @return the limit, or null for none */
  public Integer limit() {
    return limit;
  }

  /** @return the offset (0 for none) */
  public int offset() {
    return offset;
  }

  /** @return the projected fields, or null for all fields */
  public List<String> select() {
    return select;
  }

  /** @return the group-by fields (empty for none) */
  public List<String> groupBy() {
    return groupBy;
  }

  /**
   * The canonical map form: keys {@code filters} (list of {@code {field, op, value}}),
   * {@code where} (a condition map: {@code {field, op, value}} or {@code {logic, conditions}}),
   * {@code sort} (list of {@code {field, order}}), {@code limit}, {@code offset},
   * {@code select}, {@code groupBy}; absent parts are omitted. Equal queries give equal maps.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!filters.isEmpty()) {
      List<Object> fs = new ArrayList<>();
      for (Filter f : filters) {
        fs.add(filterMap(f));
      }
      m.put("filters", fs);
    }
    if (where != null) {
      m.put("where", conditionMap(where));
    }
    if (!sorts.isEmpty()) {
      List<Object> ss = new ArrayList<>();
      for (Sort s : sorts) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("field", s.field());
        sm.put("order", s.order().name());
        ss.add(sm);
      }
      m.put("sort", ss);
    }
    if (limit != null) {
      m.put("limit", limit);
    }
    if (offset != 0) {
      m.put("offset", offset);
    }
    if (select != null) {
      m.put("select", select);
    }
    if (!groupBy.isEmpty()) {
      m.put("groupBy", groupBy);
    }
    return m;
  }

  private static Map<String, Object> filterMap(Filter f) {
    Map<String, Object> fm = new LinkedHashMap<>();
    fm.put("field", f.field());
    fm.put("op", f.operator().name());
    if (!f.operator().isUnary()) {
      fm.put("value", f.value());
    }
    return fm;
  }

  private static Map<String, Object> conditionMap(Condition c) {
    if (c instanceof FilterCondition) {
      return filterMap(((FilterCondition) c).filter());
    }
    LogicCondition l = (LogicCondition) c;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("logic", l.operator().name());
    List<Object> parts = new ArrayList<>();
    for (Condition x : l.conditions()) {
      parts.add(conditionMap(x));
    }
    m.put("conditions", parts);
    return m;
  }

  private static final Set<String> KEYS = Set.of("filters", "where", "sort", "limit", "offset", "select", "groupBy");

  /**
   * Parses the canonical map form of {@link #toMap()}.
   *
   * @throws QueryException naming the unknown key, operator or malformed part
   */
  public static Query fromMap(Map<String, ?> map) {
    Objects.requireNonNull(map, "map");
    for (String k : map.keySet()) {
      if (!KEYS.contains(k)) {
        throw new QueryException("unknown query key '" + k + "'; accepted: " + new java.util.TreeSet<>(KEYS));
      }
    }
    Query q = all();
    for (Object f : list(map.get("filters"), "filters")) {
      q = q.filter(parseFilter(asMap(f, "filters[]")));
    }
    if (map.get("where") != null) {
      q = q.where(parseCondition(asMap(map.get("where"), "where")));
    }
    for (Object s : list(map.get("sort"), "sort")) {
      Map<String, ?> sm = asMap(s, "sort[]");
      Object order = sm.get("order") == null ? "ASC" : sm.get("order");
      SortOrder so;
      try {
        so = SortOrder.valueOf(order.toString().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new QueryException("unknown sort order '" + order + "'; accepted: ASC, DESC");
      }
      q = q.sort(string(sm.get("field"), "sort.field"), so);
    }
    if (map.get("limit") != null) {
      q = q.limit(integer(map.get("limit"), "limit"));
    }
    if (map.get("offset") != null) {
      q = q.offset(integer(map.get("offset"), "offset"));
    }
    if (map.get("select") != null) {
      q = q.select(strings(map.get("select"), "select"));
    }
    if (map.get("groupBy") != null) {
      q = q.groupBy(strings(map.get("groupBy"), "groupBy"));
    }
    return q;
  }

  private static Filter parseFilter(Map<String, ?> m) {
    Object op = m.get("op") != null ? m.get("op") : m.get("operator");
    return Filter.of(string(m.get("field"), "field"), op == null ? null : op.toString(), m.get("value"));
  }

  private static Condition parseCondition(Map<String, ?> m) {
    if (m.containsKey("logic")) {
      LogicOperator lo;
      try {
        lo = LogicOperator.valueOf(String.valueOf(m.get("logic")).toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new QueryException("unknown logic operator '" + m.get("logic") + "'; accepted: AND, OR, NOT");
      }
      List<Condition> parts = new ArrayList<>();
      for (Object c : list(m.get("conditions"), "conditions")) {
        parts.add(parseCondition(asMap(c, "conditions[]")));
      }
      return new LogicCondition(lo, parts);
    }
    return new FilterCondition(parseFilter(m));
  }

  private static List<?> list(Object o, String what) {
    if (o == null) {
      return List.of();
    }
    if (!(o instanceof List<?>)) {
      throw new QueryException("query part '" + what + "' must be a list, got " + o.getClass().getSimpleName());
    }
    return (List<?>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> asMap(Object o, String what) {
    if (!(o instanceof Map<?, ?>)) {
      throw new QueryException("query part '" + what + "' must be a map, got " + (o == null ? "null" : o.getClass().getSimpleName()));
    }
    return (Map<String, ?>) o;
  }

  private static String string(Object o, String what) {
    if (!(o instanceof String)) {
      throw new QueryException("query part '" + what + "' must be a string, got " + o);
    }
    return (String) o;
  }

  private static int integer(Object o, String what) {
    if (o instanceof Number && ((Number) o).doubleValue() == Math.rint(((Number) o).doubleValue())) {
      return ((Number) o).intValue();
    }
    throw new QueryException("query part '" + what + "' must be an integer, got " + o);
  }

  private static List<String> strings(Object o, String what) {
    List<String> out = new ArrayList<>();
    for (Object x : list(o, what)) {
      out.add(string(x, what + "[]"));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Query)) {
      return false;
    }
    Query q = (Query) o;
    return offset == q.offset && filters.equals(q.filters) && Objects.equals(where, q.where)
        && sorts.equals(q.sorts) && Objects.equals(limit, q.limit) && Objects.equals(select, q.select)
        && groupBy.equals(q.groupBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(filters, where, sorts, limit, offset, select, groupBy);
  }

  @Override
  public String toString() {
    return "Query" + toMap();
  }
}

package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.internal.sql.SqlFragment;
import io.dataknobs.core.internal.sql.SqlTranslator;
import io.dataknobs.core.query.QueryEvaluator;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read statements of a {@link JdbcDatabase}: a query's filter, order and page pushed down as
 * far as {@link SqlTranslator} expresses them exactly; the rest (a residual filter, an order SQL
 * would get wrong) evaluated by the reference evaluator over what SQL returned.
 */
final class SqlQueries {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlQueries.class);
  private final SqlAccess db;
  private final SqlTable t;

  SqlQueries(SqlAccess db, SqlTable t) {
    this.db = db;
    this.t = t;
  }

  /**
   * One read's view of the typed columns and the translator reading them.
   *
   * @param view the typed columns as the read saw them
   * @param translator translates over that view
   */
  record Reading(FieldColumns.View view, SqlTranslator translator) {}

  /** @return a view of the typed columns as they are now, with its translator */
  Reading reading() {
    FieldColumns.View v = t.layout().fields().view();
    return new Reading(v, new SqlTranslator(t.dialect(), v::columnsOf));
  }

  /**
   * Runs {@code read} until it ran on a view that stayed current from building its statements
   * to running them: columns are only ever added, a bounded number of times, so a read repeats
   * only when it overlapped one of those additions.
   */
  <T> T consistent(java.util.function.Function<Reading, T> read) {
    while (true) {
      Reading r = reading();
      T out = read.apply(r);
      if (r.view().current()) {
        return out;
      }
      LOG.debug("typed columns were added while a read ran; reading again");
    }
  }

  /**
   * The ORDER BY of a sorted query and the condition on rows SQL would order differently.
   *
   * @param orderBy the ORDER BY terms
   * @param inexact the condition (checked by the same statement), null when there is none
   */
  record SortPlan(String orderBy, String inexact) {}

  /** @return how to sort {@code q} in SQL, or null if a sort path cannot be translated */
  SortPlan sortPlan(Reading r, Query q) {
    List<String> fields = new ArrayList<>();
    q.sorts().forEach(s -> fields.add(s.field()));
    Optional<String> orderBy = r.translator().orderBy(q.sorts());
    Optional<String> inexact = r.translator().inexactOrdering(fields);
    return orderBy.isEmpty() || inexact.isEmpty() ? null : new SortPlan(orderBy.get(), inexact.get());
  }

  List<Record> search(Query query) {
    return consistent(r -> search(r, query));
  }

  private List<Record> search(Reading r, Query query) {
    SqlTranslator.Where w = r.translator().where(query.condition());
    if (w.complete() && query.sorts().isEmpty()) {
      return QueryEvaluator.page(query.withoutPaging(), select(r, "search", w.sql(), null, query.limit(), query.offset(), null), false);
    }
    SortPlan plan = w.complete() ? sortPlan(r, query) : null;
    if (plan != null) {
      List<Record> sorted = select(r, "search", w.sql(), plan.orderBy(), query.limit(), query.offset(), plan.inexact());
      if (sorted != null) {
        return QueryEvaluator.page(query.withoutPaging(), sorted, false);
      }
    }
    return QueryEvaluator.apply(query, select(r, "search", w.sql(), null, null, 0, null));
  }

  long count(Query query) {
    return consistent(r -> count(r, query));
  }

  private long count(Reading r, Query query) {
    SqlTranslator.Where w = r.translator().where(query.condition());
    if (!w.complete()) {
      return QueryEvaluator.count(query, select(r, "count", w.sql(), null, null, 0, null));
    }
    String sql = t.layout().countAll() + " WHERE " + w.sql().sql();
    LOG.trace("count: {}", sql);
    return db.read("count", c -> t.run(c, sql, ps -> {
      RowStatements.bind(ps, w.sql().params(), 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  /**
   * @return the groups computed by one statement, or null when the reference must aggregate (a
   *     filter or path SQL cannot express, or values SQL would group or sum differently)
   */
  List<Record> aggregate(Query query, List<Aggregation> aggregations) {
    return consistent(r -> aggregate(r, query, aggregations));
  }

  private List<Record> aggregate(Reading r, Query query, List<Aggregation> aggregations) {
    SqlTranslator.Where w = r.translator().where(query.condition());
    List<JsonPath> groups = new ArrayList<>();
    for (String g : query.groupBy()) {
      groups.add(JsonPath.of(g));
    }
    List<JsonPath> fields = new ArrayList<>();
    boolean translatable = w.complete() && !groups.contains(null);
    for (Aggregation a : aggregations) {
      JsonPath p = a.field() == null ? null : JsonPath.of(a.field());
      fields.add(p);
      translatable &= a.field() == null || (p != null && !p.isId());
    }
    if (!translatable) {
      return null;
    }
    try {
      return new SqlAggregation(t.dialect(), r.view(), t.layout().quoted(), groups, aggregations, fields).run(this, w.sql(), query);
    } catch (io.dataknobs.api.QueryException e) {
      // the engine cannot compute it as written (SQLite's integer sum overflows): the reference answers (rule 30)
      LOG.debug("aggregation falls back to the reference evaluator: {}", e.getMessage());
      return null;
    }
  }

  /**
   * Runs an aggregation statement (for {@link SqlAggregation}), after {@code settings} in the
   * same transaction when there are any.
   */
  List<Object[]> rows(String what, String sql, List<Object> params, int columns, List<String> settings) {
    LOG.trace("{}: {}", what, sql);
    if (settings.isEmpty()) {
      return db.read(what, c -> rows(c, sql, params, columns));
    }
    return db.read(what, c -> SqlAccess.transaction(c, tx -> {
      try (var s = tx.createStatement()) {
        for (String setting : settings) {
          s.execute(setting);
        }
      }
      return rows(tx, sql, params, columns);
    }));
  }

  private List<Object[]> rows(java.sql.Connection c, String sql, List<Object> params, int columns) throws java.sql.SQLException {
    return t.run(c, sql, ps -> {
      RowStatements.bind(ps, params, 1);
      List<Object[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getObject(i + 1);
          }
          out.add(row);
        }
      }
      return out;
    });
  }

  /**
   * @param inexact if not null, a condition on rows that SQL would order differently than the
   *     evaluator; it is checked over all matching rows in the same statement
   * @return the rows, or null if {@code inexact} holds for any matching row
   */
  List<Record> select(Reading r, String what, SqlFragment where, String orderBy, Integer limit, int offset, String inexact) {
    String sql = selectSql(where, orderBy, inexact, r.view()) + t.dialect().limitOffset(limit, offset);
    LOG.trace("{}: {}", what, sql);
    return db.read(what, c -> t.run(c, sql, ps -> {
      RowStatements.bind(ps, where.params(), 1);
      List<Record> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (inexact != null && out.isEmpty() && rs.getInt(r.view().recordColumns() + 1) != 0) {
            return null;
          }
          out.add(t.codec().decode(rs, r.view()));
        }
      }
      return out;
    }));
  }

  /**
   * @return a select of the view's {@linkplain FieldColumns.View#record record}, then (with
   *     {@code inexact}) the column telling whether SQL's order can be used
   */
  String selectSql(SqlFragment where, String orderBy, String inexact, FieldColumns.View view) {
    StringBuilder sql = new StringBuilder("SELECT ").append(view.record());
    if (inexact != null) {
      // a window over every matching row, computed before ORDER BY and LIMIT: one scan, not two
      sql.append(", max(CASE WHEN ").append(inexact).append(" THEN 1 ELSE 0 END) OVER ()");
    }
    sql.append(" FROM ").append(t.layout().quoted()).append(" WHERE ").append(where.sql());
    if (orderBy != null) {
      sql.append(" ORDER BY ").append(orderBy);
    }
    return sql.toString();
  }

  List<String> explain(Query query) {
    Reading r = reading();
    SqlTranslator.Where w = r.translator().where(query.condition());
    String sql = t.dialect().explain() + " " + selectSql(w.sql(), null, null, r.view()) + t.dialect().limitOffset(query.limit(), 0);
    return db.read("explain", c -> t.run(c, sql, ps -> {
      RowStatements.bind(ps, w.sql().params(), 1);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder sb = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            sb.append(rs.getString(i)).append(' ');
          }
          out.add(sb.toString().trim());
        }
      }
      return out;
    }));
  }
}

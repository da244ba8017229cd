package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.internal.sql.SqlTranslator;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * How a {@link JdbcDatabase} streams a query: through one cursor where it can (a server engine,
 * or an embedded one whose dialect {@linkplain SqlDialect#cursorStreams prefers it}, for any query
 * SQL filters completely; an embedded engine with read connections for a sorted one SQL orders
 * exactly), else unsorted queries page by keyset over insertion order; sorted ones are left to
 * the caller to sort in memory.
 */
final class SqlStreams {
  private final SqlAccess db;
  private final SqlTable table;
  private final SqlQueries queries;

  SqlStreams(SqlAccess db, SqlTable table, SqlQueries queries) {
    this.db = db;
    this.table = table;
    this.queries = queries;
  }

  /**
   * @param query the query
   * @param bufferSize rows fetched at a time
   * @return the stream (closing it gives its connection back), or null for a sorted query that
   *     must be sorted in memory
   */
  Stream<Record> open(Query query, int bufferSize) {
    ConnectionSource source = table.connections();
    boolean sorted = !query.sorts().isEmpty();
    while (true) {
      SqlQueries.Reading r = queries.reading();
      SqlTranslator.Where w = r.translator().where(query.condition());
      if (!(sorted || source.pooled() || table.dialect().cursorStreams()) || !w.complete() || !source.canLend()) {
        break;
      }
      SqlQueries.SortPlan plan = sorted ? queries.sortPlan(r, query) : new SqlQueries.SortPlan(table.dialect().insertionOrder(), null);
      if (plan == null) {
        break;
      }
      String sql = queries.selectSql(w.sql(), plan.orderBy(), plan.inexact(), r.view()) + table.dialect().limitOffset(query.limit(),
          query.offset());
      CursorStream cursor = CursorStream.open(db, table, query, sql, w.sql().params(), bufferSize, plan.inexact() != null, r.view());
      if (cursor == null) {
        break;
      }
      if (r.view().current()) {
        return stream(cursor).onClose(cursor);
      }
      cursor.run(); // columns were added while the statement was built: build it again
    }
    return sorted ? null : stream(new KeysetStream(db, table, query, queries, bufferSize));
  }

  private static Stream<Record> stream(Iterator<Record> it) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}

package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.internal.sql.SqlTranslator;
import io.dataknobs.core.query.QueryEvaluator;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * An unsorted query streamed by keyset over insertion order: each page is one short statement
 * ({@code WHERE … AND rowid > last ORDER BY rowid LIMIT page}), so memory stays at one page and
 * no connection is held between pages. A residual filter SQL cannot express is applied here.
 */
final class KeysetStream implements Iterator<Record> {
  private final SqlAccess db;
  private final SqlTable t;
  private final Query query;
  private final SqlQueries queries;
  private final Predicate<Record> residual;
  private final int page;
  private long last = Long.MIN_VALUE;
  private List<Record> buffer = List.of();
  private int pos;
  private boolean exhausted;
  private long skip;
  private long remaining;

  KeysetStream(SqlAccess db, SqlTable t, Query query, SqlQueries queries, int page) {
    this.db = db;
    this.t = t;
    this.query = query;
    this.queries = queries;
    // what SQL cannot express does not depend on the typed columns, only how it is written does
    SqlTranslator.Where where = queries.reading().translator().where(query.condition());
    this.residual = where.complete() ? r -> true : QueryEvaluator.compile(where.residual());
    this.page = Math.max(1, page);
    this.skip = query.offset();
    this.remaining = query.limit() == null ? Long.MAX_VALUE : query.limit();
  }

  /** @return the page statement over the reading's view: the record, then the insertion order */
  private String sql(SqlQueries.Reading r, SqlTranslator.Where where) {
    String order = t.dialect().insertionOrder();
    return "SELECT " + r.view().record() + ", " + order + " FROM " + t.layout().quoted() + " WHERE ("
        + where.sql().sql() + ") AND " + order + " > ? ORDER BY " + order + " LIMIT " + page;
  }

  @Override
  public boolean hasNext() {
    while (remaining > 0) {
      while (pos < buffer.size()) {
        if (residual.test(buffer.get(pos))) {
          if (skip > 0) {
            skip--;
            pos++;
            continue;
          }
          return true;
        }
        pos++;
      }
      if (exhausted) {
        return false;
      }
      fetch();
    }
    return false;
  }

  private void fetch() {
    long[] lastSeen = {last};
    List<Record> rows = queries.consistent(r -> {
      lastSeen[0] = last;
      SqlTranslator.Where where = r.translator().where(query.condition());
      List<Record> out = new ArrayList<>(page);
      db.read("stream", c -> t.run(c, sql(r, where), ps -> {
        RowStatements.bind(ps, where.sql().params(), 1);
        ps.setLong(where.sql().params().size() + 1, last);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(t.codec().decode(rs, r.view()));
            lastSeen[0] = rs.getLong(r.view().recordColumns() + 1);
          }
        }
        return null;
      }));
      return out;
    });
    last = lastSeen[0];
    buffer = rows;
    pos = 0;
    exhausted = rows.size() < page;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    remaining--;
    Record r = buffer.get(pos++);
    return query.select() == null ? r : r.project(query.select());
  }
}

package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a batch as one JDBC batch of the layout's prepared insert or upsert: the fastest path
 * SQLite has, and the fallback of every engine.
 *
 * @since core.sql 2.0
 */
public class PreparedBatchWriter implements BulkWriter {
  private final SqlTable table;

  /** @param table the table written to */
  public PreparedBatchWriter(SqlTable table) {
    this.table = table;
  }

  @Override
  public void insert(Connection c, List<String> ids, List<Record> records) throws SQLException {
    batch(c, table.layout().insert(), ids, records);
  }

  @Override
  public void upsert(Connection c, List<String> ids, List<Record> records) throws SQLException {
    batch(c, table.layout().upsert(), ids, records);
  }

  private void batch(Connection c, String sql, List<String> ids, List<Record> records) throws SQLException {
    long now = System.currentTimeMillis();
    table.run(c, sql, ps -> {
      for (int i = 0; i < ids.size(); i++) {
        bindRow(ps, ids.get(i), records.get(i), now, table);
        ps.addBatch();
      }
      return ps.executeBatch();
    });
  }

  /**
   * Binds the parameters of {@link TableLayout#insert}: the row's, then the typed columns'.
   *
   * @param ps the statement
   * @param id the id
   * @param r the record
   * @param now the creation and update time
   * @param table the table
   * @throws SQLException from binding
   */
  static void bindRow(PreparedStatement ps, String id, Record r, long now, SqlTable table) throws SQLException {
    ps.setString(1, id);
    int at = table.codec().bind(ps, 2, r, RowCodec.nextVersion(), table.dialect());
    ps.setLong(at++, now);
    ps.setLong(at++, now);
    table.layout().fields().bind(ps, at, r, table.dialect());
  }

  /** @return the table written to */
  protected SqlTable table() {
    return table;
  }
}

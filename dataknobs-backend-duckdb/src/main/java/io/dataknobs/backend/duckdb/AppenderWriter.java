package io.dataknobs.backend.duckdb;

import io.dataknobs.api.Record;
import io.dataknobs.core.sql.BulkWriter;
import io.dataknobs.core.sql.RowCodec;
import io.dataknobs.core.sql.SqlTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes batches through DuckDB's Appender (a JDBC batch is about 95 times slower) straight into
 * the table. A batch that fits in one Appender chunk is appended and committed by one
 * auto-committed flush, which DuckDB applies whole or not at all; a larger one runs inside the
 * SQL transaction the database opens, which the Appender joins. Upserts append to a temporary
 * staging table and merge from it with one statement (a JDBC batch of upserts ran at about 470
 * records/s). The Appender cannot fill a column default, so appended rows get their
 * insertion-order numbers from {@link InsertionNumbers}. Used under the write connection's lock.
 */
final class AppenderWriter implements BulkWriter {
  /**
   * Rows the driver's Appender sends to DuckDB in one chunk (DuckDB's vector size): an
   * auto-committed Appender commits each chunk by itself, so only a batch this small is atomic
   * without a SQL transaction.
   */
  static final int APPENDER_CHUNK = 2048;

  private static final String COLUMNS = "id, data, data_types, metadata, metadata_types, version, created_at, updated_at, seq";

  private final SqlTable table;
  private final TypedColumns typed;
  private final String stage;
  private InsertionNumbers numbers;
  /**
   * The columns of the staging table, a temporary table of the write connection created on first
   * use and again when typed columns were added; null before.
   */
  private String stageColumns;

  AppenderWriter(SqlTable table, TypedColumns typed) {
    this.table = table;
    this.typed = typed;
    this.stage = table.layout().name() + "_upsert_stage";
  }

  /** @return every column an appended row fills, in table order */
  private String columns() {
    List<String> written = typed.written();
    return written.isEmpty() ? COLUMNS : COLUMNS + ", " + String.join(", ", written);
  }

  /** A batch of one chunk or less is committed whole by its one flush (a transaction costs a fifth of it). */
  @Override
  public boolean atomicWithoutTransaction(int rows) {
    return rows <= APPENDER_CHUNK;
  }

  /**
   * Appends the rows. Inside a SQL transaction a statement begins it first, so the Appender
   * writes in it (an Appender on a connection with no open transaction commits each chunk by
   * itself).
   */
  @Override
  public void insert(Connection c, List<String> ids, List<Record> records) throws SQLException {
    if (!c.getAutoCommit()) {
      table.run(c, "SELECT 1", ps -> {
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      });
    }
    append(c, DuckDBConnection.DEFAULT_SCHEMA, table.layout().name(), ids, records);
  }

  /** Appends the rows to the staging table and merges it into the table; a replaced row keeps its creation time and order. */
  @Override
  public void upsert(Connection c, List<String> ids, List<Record> records) throws SQLException {
    String target = table.layout().quoted();
    String columns = columns();
    try (Statement s = c.createStatement()) {
      if (!columns.equals(stageColumns)) {
        s.execute("CREATE OR REPLACE TEMP TABLE " + stage + " AS SELECT " + columns + " FROM " + target + " LIMIT 0");
        stageColumns = columns;
      }
      s.execute("DELETE FROM " + stage);
    }
    append(c, "temp", stage, ids, records);
    table.run(c, "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + stage + " ON CONFLICT (id) DO UPDATE SET "
        + table.layout().replaced(), ps -> ps.executeUpdate());
  }

  /** A single-row insert took its number from the sequence's default, past the reserved block. */
  @Override
  public void rowsInsertedWithDefaults() {
    if (numbers != null) {
      numbers.skip();
    }
  }

  /** Takes insertion-order numbers, then appends and flushes the rows; a key violation is thrown. */
  private void append(Connection c, String schema, String target, List<String> ids, List<Record> records) throws SQLException {
    long[] seq = numbers(c).take(c, ids.size());
    long now = System.currentTimeMillis();
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    try (DuckDBAppender a = schema.equals("temp") ? duck.createAppender("temp", "main", target) : duck.createAppender(schema, target)) {
      for (int i = 0; i < ids.size(); i++) {
        RowCodec.Row row = table.codec().encode(records.get(i));
        a.beginRow().append(ids.get(i)).append(row.data());
        appendNullable(a, row.dataHints()).append(row.metadata());
        appendNullable(a, row.metadataHints()).append(RowCodec.nextVersion()).append(now).append(now).append(seq[i]);
        typed.append(a, records.get(i));
        a.endRow();
      }
      a.flush(); // close() would swallow a key violation and leave the transaction aborted
    }
  }

  private InsertionNumbers numbers(Connection c) throws SQLException {
    if (numbers == null) {
      String sequence = DuckDbDialect.INSTANCE.sequenceName(table.layout().name());
      long step = table.run(c, "SELECT increment_by FROM duckdb_sequences() WHERE sequence_name = ? AND schema_name = current_schema()",
          ps -> {
            ps.setString(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Math.max(1, rs.getLong(1)) : 1L;
            }
          });
      numbers = new InsertionNumbers(sequence, step, table);
    }
    return numbers;
  }

  private static DuckDBAppender appendNullable(DuckDBAppender a, String v) throws SQLException {
    return v == null ? a.appendNull() : a.append(v);
  }
}

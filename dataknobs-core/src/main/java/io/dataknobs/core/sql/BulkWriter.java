package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an engine writes many rows at once: a JDBC batch of prepared statements
 * ({@link PreparedBatchWriter}, the default), PostgreSQL's {@code COPY}, DuckDB's Appender. The
 * {@link JdbcDatabase} owns the SQL transaction around a batch, the duplicate check and the
 * error mapping; a writer only moves rows.
 *
 * @since core.sql 2.0
 */
@ConsumerType
public interface BulkWriter {
  /**
   * Inserts rows whose ids are unique among themselves. A stored id makes the engine's primary
   * key fail the write, thrown as the driver's exception; the database then rolls the batch back
   * and names the id.
   *
   * @param c the write connection, inside a SQL transaction unless
   *     {@link #atomicWithoutTransaction} said otherwise for this size
   * @param ids the ids
   * @param records the records, in the same order
   * @throws SQLException from the driver
   */
  void insert(Connection c, List<String> ids, List<Record> records) throws SQLException;

  /**
   * Inserts or replaces rows whose ids are unique among themselves, inside a SQL transaction. A
   * replaced row keeps its creation time and insertion order.
   *
   * @param c the write connection, inside a SQL transaction
   * @param ids the ids
   * @param records the records, in the same order
   * @throws SQLException from the driver
   */
  void upsert(Connection c, List<String> ids, List<Record> records) throws SQLException;

  /**
   * @param rows the size of a batch
   * @return true if {@link #insert} of that many rows is all-or-nothing by itself on an
   *     auto-committing connection, so no SQL transaction need be opened around it
   */
  default boolean atomicWithoutTransaction(int rows) {
    return false;
  }

  /**
   * Told that rows were inserted by a single-row statement with the table's column defaults
   * (its insertion-order number), for writers that number rows themselves.
   */
  default void rowsInsertedWithDefaults() {}
}

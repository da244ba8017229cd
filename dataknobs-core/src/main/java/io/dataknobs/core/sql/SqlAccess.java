package io.dataknobs.core.sql;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the statements of a {@link JdbcDatabase} and of its queries and streams reach the engine:
 * writes on the write connection, reads on a read connection, SQL transactions, and a driver's
 * failure turned into the exception the dialect classifies it as. Shared by the database's parts
 * so none of them needs the database itself.
 */
final class SqlAccess {
  private static final Pattern WRITES = Pattern.compile("(create|update|upsert|delete|commit|write|clear)\\b");

  private final SqlTable table;
  private final Runnable ensureOpen;

  /**
   * @param table the parts the statements run over
   * @param ensureOpen throws {@code IllegalStateException} once the database is closed
   */
  SqlAccess(SqlTable table, Runnable ensureOpen) {
    this.table = table;
    this.ensureOpen = ensureOpen;
  }

  /** @throws IllegalStateException once the database is closed */
  void checkOpen() {
    ensureOpen.run();
  }

  /** Runs {@code work} as a write: the embedded engine's one writer, or a pooled connection. */
  <T> T write(String what, SqlWork<T> work) {
    try {
      return table.connections().write(c -> {
        ensureOpen.run(); // checked again once the writer is ours: a close may have come first
        return work.run(c);
      });
    } catch (SQLException e) {
      throw error(what, e);
    }
  }

  /** Runs read-only {@code work} on a read connection, concurrently with writes where the engine allows it. */
  <T> T read(String what, SqlWork<T> work) {
    ensureOpen.run();
    try {
      return table.connections().read(work);
    } catch (SQLException e) {
      throw error(what, e);
    }
  }

  /** Runs {@code work} in one SQL transaction on the write connection. */
  <T> T inTransaction(String what, SqlWork<T> work) {
    return write(what, c -> transaction(c, work));
  }

  /** Runs {@code work} in one SQL transaction on {@code c}, rolling back on any failure. */
  static <T> T transaction(Connection c, SqlWork<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /**
   * Runs a write of {@code records} on the write connection, after the typed columns of fields
   * new to the table were added (committed on their own, so a failed write leaves them in place
   * for the next), in one SQL transaction when {@code inTransaction}.
   */
  <T> T writing(String what, List<Record> records, boolean inTransaction, SqlWork<T> work) {
    return write(what, c -> {
      FieldColumns fields = table.layout().fields();
      int columns = fields.written().size();
      fields.prepare(c, records);
      if (fields.written().size() != columns) {
        table.connections().statements().invalidate(); // the table was altered
      }
      return inTransaction ? transaction(c, work) : work.run(c);
    });
  }

  /** See {@link JdbcDatabase#error}. */
  DataknobsException error(String what, SQLException e) {
    return table.dialect().classify(e).toException(table.dialect().name() + " failed to " + what + " on table '"
        + table.layout().name() + "': " + e.getMessage(), e, WRITES.matcher(what).lookingAt());
  }

  /**
   * Opens the table: read-only, checks that it exists; writable, creates it and the expression
   * indexes of {@code indexedFields} if missing. Then reads (or creates) the typed columns.
   *
   * @throws ConfigurationException naming {@code table} or {@code indexes}
   */
  void openTable(boolean readOnly, List<String> indexedFields) {
    TableLayout layout = table.layout();
    if (readOnly) {
      try {
        read("find the table", c -> {
          try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT id FROM " + layout.quoted() + " LIMIT 0").close();
          }
          return null;
        });
      } catch (io.dataknobs.api.BackendFailureException e) {
        throw new ConfigurationException("table", "table '" + layout.name() + "' does not exist, and a read-only "
            + table.dialect().name() + " database cannot create it", List.of(), e);
      }
      read("read the typed columns", c -> {
        layout.fields().open(c, false);
        return null;
      });
      return;
    }
    List<String> indexes = layout.createIndexes(indexedFields);
    write("create the table", c -> {
      try (Statement s = c.createStatement()) {
        for (String before : table.dialect().beforeCreateTable(layout.name())) {
          s.execute(before);
        }
        s.execute(layout.createTable());
        for (String index : indexes) {
          s.execute(index);
        }
      }
      layout.fields().open(c, true);
      return null;
    });
  }
}

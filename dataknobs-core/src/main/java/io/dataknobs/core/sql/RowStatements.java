package io.dataknobs.core.sql;

import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The single-row statements of a table on a given connection, shared by the primitives, the
 * batches' duplicate check and transaction commits.
 */
final class RowStatements {
  /** Ids bound per list parameter. */
  static final int LIST_CHUNK = 10_000;

  private final SqlTable t;
  private final BulkWriter writer;

  RowStatements(SqlTable t, BulkWriter writer) {
    this.t = t;
    this.writer = writer;
  }

  void insert(Connection c, String id, Record r) throws SQLException {
    try {
      t.run(c, t.layout().insert(), ps -> {
        PreparedBatchWriter.bindRow(ps, id, r, System.currentTimeMillis(), t);
        return ps.executeUpdate();
      });
    } catch (SQLException e) {
      if (t.uniqueViolation(e)) {
        throw new DuplicateRecordException(id, e);
      }
      throw e;
    }
    writer.rowsInsertedWithDefaults();
  }

  /** @return rows changed; 0 if absent or (with a version) stale */
  private int updateRow(Connection c, String id, Record r, String expectedVersion) throws SQLException {
    return t.run(c, t.layout().update(expectedVersion != null), ps -> {
      int at = t.codec().bind(ps, 1, r, RowCodec.nextVersion(), t.dialect());
      ps.setLong(at++, System.currentTimeMillis());
      at = t.layout().fields().bind(ps, at, r, t.dialect());
      ps.setString(at++, id);
      if (expectedVersion != null) {
        ps.setLong(at, parseVersion(expectedVersion));
      }
      return ps.executeUpdate();
    });
  }

  boolean update(Connection c, String id, Record r, String expectedVersion) throws SQLException {
    if (updateRow(c, id, r, expectedVersion) > 0) {
      return true;
    }
    if (expectedVersion != null && versionOf(c, id).isPresent()) {
      throw stale(c, id, expectedVersion);
    }
    return false;
  }

  void upsert(Connection c, String id, Record r, String expectedVersion) throws SQLException {
    if (expectedVersion != null) {
      if (updateRow(c, id, r, expectedVersion) == 0) {
        throw stale(c, id, expectedVersion);
      }
      return;
    }
    t.run(c, t.layout().upsert(), ps -> {
      PreparedBatchWriter.bindRow(ps, id, r, System.currentTimeMillis(), t);
      return ps.executeUpdate();
    });
    writer.rowsInsertedWithDefaults();
  }

  boolean delete(Connection c, String id, String expectedVersion) throws SQLException {
    int n = t.run(c, t.layout().delete(expectedVersion != null), ps -> {
      ps.setString(1, id);
      if (expectedVersion != null) {
        ps.setLong(2, parseVersion(expectedVersion));
      }
      return ps.executeUpdate();
    });
    if (n > 0) {
      return true;
    }
    if (expectedVersion != null && versionOf(c, id).isPresent()) {
      throw stale(c, id, expectedVersion);
    }
    return false;
  }

  Optional<String> versionOf(Connection c, String id) throws SQLException {
    return t.run(c, t.layout().versionOf(), ps -> {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Long.toString(rs.getLong(1))) : Optional.empty();
      }
    });
  }

  private ConcurrencyException stale(Connection c, String id, String expected) throws SQLException {
    Optional<String> current = versionOf(c, id);
    return new ConcurrencyException(id, current.isEmpty() ? "conditional write to '" + id + "': no record is stored"
        : "conditional write to '" + id + "': expected version " + expected + " but the record is at " + current.get());
  }

  private static long parseVersion(String token) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** @return the first of {@code ids} (in their order) that is stored already, if any */
  Optional<String> firstStored(Connection c, List<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    select(c, ids, "id", rs -> found.add(rs.getString(1)));
    return ids.stream().filter(found::contains).findFirst();
  }

  /**
   * Reads the records of {@code ids}.
   *
   * @param c a read connection
   * @param ids ids that could be stored
   * @param view the typed columns to select and restore values from
   * @return the records found
   */
  List<Record> read(Connection c, List<String> ids, FieldColumns.View view) throws SQLException {
    List<Record> out = new ArrayList<>();
    select(c, ids, view.record(), rs -> out.add(t.codec().decode(rs, view)));
    return out;
  }

  /** A row of a result, read by the caller. */
  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * Selects {@code columns} of the rows of {@code ids}: a single id by equality, more as members
   * of one list parameter (the dialect's {@link SqlDialect#memberOfList}), {@value #LIST_CHUNK} at
   * a time. One parameter instead of one per id keeps a single prepared statement for every batch
   * size, and DuckDB stops scanning the whole table once an IN list passes about 300 values
   * (500 ids took 90 ms at 200k rows; as a list, 16 ms).
   */
  private void select(Connection c, List<String> ids, String columns, RowReader reader) throws SQLException {
    if (ids.size() == 1) {
      t.run(c, t.layout().selectIds(1, columns), ps -> {
        ps.setString(1, ids.get(0));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
        return null;
      });
      return;
    }
    String sql = "SELECT " + columns + " FROM " + t.layout().quoted() + " WHERE " + t.dialect().memberOfList("id", false);
    for (int from = 0; from < ids.size(); from += LIST_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LIST_CHUNK));
      t.run(c, sql, ps -> {
        ps.setObject(1, t.dialect().listParameter(chunk, false));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
        return null;
      });
    }
  }

  /** Applies one buffered write of a committing transaction. */
  void apply(Connection c, io.dataknobs.core.tx.WriteOp op) throws SQLException {
    String id = op.id();
    switch (op.kind()) {
      case CREATE -> insert(c, id, op.record());
      case UPDATE -> {
        if (!update(c, id, op.record(), op.expectedVersion())) {
          throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
        }
      }
      case UPSERT -> upsert(c, id, op.record(), op.expectedVersion());
      case DELETE -> delete(c, id, op.expectedVersion());
      default -> {
        try (java.sql.Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM " + t.layout().quoted());
        }
      }
    }
  }

  static void bind(java.sql.PreparedStatement ps, List<Object> params, int from) throws SQLException {
    int i = from;
    for (Object p : params) {
      ps.setObject(i++, p);
    }
  }
}

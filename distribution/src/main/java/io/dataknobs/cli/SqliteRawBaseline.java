package io.dataknobs.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/** {@code raw:batch}: sqlite-jdbc prepared batch in one transaction, in memory. */
final class SqliteRawBaseline extends JdbcRawBaseline {
  @Override
  Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return config.createConnection("jdbc:sqlite::memory:");
  }

  @Override
  String bulkMethod() {
    return "raw:batch";
  }

  @Override
  void bulkInsert(Connection c, List<String[]> rows) throws SQLException {
    preparedBatch(c, rows);
  }

  @Override
  String createTable() {
    return super.createTable().replace("VARCHAR", "TEXT").replace("JSON", "TEXT");
  }

  @Override
  String aggregateSql() {
    return "SELECT json_extract(data, '$.category') AS c, count(*), sum(json_extract(data, '$.amount')),"
        + " avg(json_extract(data, '$.amount')) FROM raw GROUP BY c";
  }

  @Override
  String countInSql() {
    return "SELECT count(*) FROM raw WHERE id IN (SELECT value FROM json_each(?))";
  }
}

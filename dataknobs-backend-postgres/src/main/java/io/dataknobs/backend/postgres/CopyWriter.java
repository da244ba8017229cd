package io.dataknobs.backend.postgres;

import io.dataknobs.api.Record;
import io.dataknobs.core.sql.PreparedBatchWriter;
import io.dataknobs.core.sql.RowCodec;
import io.dataknobs.core.sql.SqlTable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Inserts a batch with one {@code COPY … FROM STDIN} in text format inside the batch's
 * transaction: the primary key rejects a stored or repeated id for the whole COPY. Upserts are
 * JDBC batches of {@code INSERT … ON CONFLICT}.
 */
final class CopyWriter extends PreparedBatchWriter {
  private static final String COPY_COLUMNS = "id, data, data_types, metadata, metadata_types, version, created_at, updated_at";

  private final RetiringConnections connections;

  CopyWriter(SqlTable table, RetiringConnections connections) {
    super(table);
    this.connections = connections;
  }

  @Override
  public void insert(Connection c, List<String> ids, List<Record> records) throws SQLException {
    connections.counted(c);
    long now = System.currentTimeMillis();
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table().layout().quoted() + " (" + COPY_COLUMNS
        + ") FROM STDIN");
    try {
      StringBuilder sb = new StringBuilder(256);
      for (int i = 0; i < ids.size(); i++) {
        RowCodec.Row row = table().codec().encode(records.get(i));
        sb.setLength(0);
        field(sb, ids.get(i)).append('\t');
        field(sb, row.data()).append('\t');
        field(sb, row.dataHints()).append('\t');
        field(sb, row.metadata()).append('\t');
        field(sb, row.metadataHints()).append('\t');
        sb.append(RowCodec.nextVersion()).append('\t').append(now).append('\t').append(now).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** Appends {@code v} escaped for COPY's text format ({@code \N} for null). */
  private static StringBuilder field(StringBuilder sb, String v) {
    if (v == null) {
      return sb.append("\\N");
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    return sb;
  }
}

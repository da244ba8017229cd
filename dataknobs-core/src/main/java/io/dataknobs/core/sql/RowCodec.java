package io.dataknobs.core.sql;

import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records to and from the columns of a {@link TableLayout}: the data and metadata maps as JSON
 * with the codec's type hints beside them, so every value reads back as the type it was
 * written with (rule 11).
 *
 * @since core.sql 2.0
 */
public final class RowCodec {
  private final RecordCodec codec = RecordCodec.standard();
  private final FieldColumns fields;

  /** A codec writing every value into the JSON columns. */
  public RowCodec() {
    this(FieldColumns.NONE);
  }

  /**
   * @param fields the table's typed columns, which say what of a record's data the JSON holds
   * @since core.sql 2.0
   */
  public RowCodec(FieldColumns fields) {
    this.fields = fields;
  }

  /**
   * The stored form of a record.
   *
   * @param data the data as JSON
   * @param dataHints the data's type hints as JSON, null when there are none
   * @param metadata the metadata as JSON
   * @param metadataHints the metadata's type hints as JSON, null when there are none
   */
  public record Row(String data, String dataHints, String metadata, String metadataHints) {}

  /**
   * @param r a record
   * @return its stored form
   */
  public Row encode(Record r) {
    RecordCodec.Encoded data = codec.encode(fields.inJson(r.data()));
    RecordCodec.Encoded meta = codec.encode(r.metadata());
    return new Row(data.json(), hints(data.hints()), meta.json(), hints(meta.hints()));
  }

  private String hints(Map<String, String> h) {
    return h.isEmpty() ? null : codec.hintsToJson(h);
  }

  /**
   * Binds data, data hints, metadata, metadata hints and version from parameter {@code at} on,
   * to the placeholders {@link TableLayout#insert} and {@link TableLayout#update} spell for them
   * (hints through {@link SqlDialect#bindNullable}).
   *
   * @param ps the statement
   * @param at the first parameter
   * @param r the record
   * @param version its new version token
   * @param dialect the table's dialect
   * @return the next parameter
   * @throws SQLException from binding
   * @since core.sql 2.0
   */
  public int bind(PreparedStatement ps, int at, Record r, long version, SqlDialect dialect) throws SQLException {
    Row row = encode(r);
    ps.setString(at++, row.data());
    at = dialect.bindNullable(ps, at, row.dataHints(), java.sql.Types.VARCHAR);
    ps.setString(at++, row.metadata());
    at = dialect.bindNullable(ps, at, row.metadataHints(), java.sql.Types.VARCHAR);
    ps.setLong(at++, version);
    return at;
  }

  /**
   * @param rs a result positioned on a row whose first columns are {@link TableLayout#COLUMNS}
   * @return the record
   * @throws SQLException from reading
   */
  public Record decode(ResultSet rs) throws SQLException {
    return decodeColumns(rs);
  }

  /**
   * @param rs a result positioned on a row whose first columns are the view's
   *     {@linkplain FieldColumns.View#record record}
   * @param view the typed columns the statement was built with
   * @return the record
   * @throws SQLException from reading
   * @since core.sql 2.0
   */
  public Record decode(ResultSet rs, FieldColumns.View view) throws SQLException {
    return view.decode(rs, this);
  }

  /**
   * @param rs a result positioned on a row whose first columns are {@link TableLayout#COLUMNS}
   * @return the record those columns hold
   * @throws SQLException from reading
   * @since core.sql 2.0
   */
  public Record decodeColumns(ResultSet rs) throws SQLException {
    return record(rs.getString(1), data(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5));
  }

  /**
   * @param json a stored data or metadata column
   * @param hints its type hints column (null for none)
   * @return the values it holds, each as the type it was written with
   * @since core.sql 2.0
   */
  public Map<String, Object> data(String json, String hints) {
    return codec.decode(json, codec.hintsFromJson(hints));
  }

  /**
   * @param id the record's id
   * @param data its data, complete and in field order
   * @param metadata its stored metadata column
   * @param metadataHints the metadata's type hints column (null for none)
   * @return the record
   * @since core.sql 2.0
   */
  public Record record(String id, Map<String, Object> data, String metadata, String metadataHints) {
    if (metadata == null || metadata.equals("{}")) {
      return Record.of(id, data); // one copy of the map fewer than the builder's
    }
    Record.Builder b = Record.builder().id(id).putAll(data);
    data(metadata, metadataHints).forEach(b::metadata);
    return b.build();
  }

  /** @return a new random version token for a write (63 bits, never negative) */
  public static long nextVersion() {
    return ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
  }
}

package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a record is a document: its id (the record id, or {@code ~h} + its SHA-256 when the id is
 * longer than Elasticsearch's 512 bytes or itself starts with {@code ~h}), its body (the exact
 * record as a JSON string next to the {@link IndexedFields}), what is read back of it, and the
 * version token {@code _seq_no:_primary_term}.
 */
final class StoredDocuments {
  private static final RecordCodec CODEC = RecordCodec.standard();

  private StoredDocuments() {}

  /** The part of a hit's {@code _source} that is read back. */
  static final class Source {
    public String doc;
  }

  /** @return the document id of a record id */
  static String docId(String id) {
    if (!id.startsWith("~h") && (id.length() <= 170 || id.getBytes(StandardCharsets.UTF_8).length <= 512)) {
      return id;
    }
    try {
      return "~h" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** @return the document of a record, as JSON bytes the client sends unchanged */
  static BinaryData body(String id, Record record) {
    Record r = id.equals(record.id()) ? record : record.withId(id);
    return BinaryData.of(IndexedFields.document(id, r, CODEC.toDocument(r)), ContentType.APPLICATION_JSON);
  }

  static Record decode(Source s) {
    return CODEC.fromDocument(s.doc);
  }

  static String token(long seqNo, long primaryTerm) {
    return seqNo + ":" + primaryTerm;
  }

  /** @return {seqNo, primaryTerm} of a token, or null if it is not one of ours (it then matches nothing) */
  static long[] parseToken(String token) {
    int colon = token.indexOf(':');
    try {
      return colon < 0 ? null : new long[] {Long.parseLong(token.substring(0, colon)), Long.parseLong(token.substring(colon + 1))};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

package io.dataknobs.backend.s3;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSON object stored per record: {@code {"id", "nonce", "created_at", "updated_at",
 * "data", "data_types", "metadata", "metadata_types"}}, data and metadata in their natural JSON
 * form with the codec's type hints beside them; empty metadata and empty hints are left out
 * (and read back as empty). The nonce is new on every write, so the
 * object's ETag (the record's version token) changes even when the content does not.
 */
final class S3Document {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordCodec CODEC = RecordCodec.standard();

  private S3Document() {}

  static byte[] encode(String id, Record r, long createdAt, long updatedAt) {
    RecordCodec.Encoded data = CODEC.encode(r.data());
    RecordCodec.Encoded meta = CODEC.encode(r.metadata());
    StringBuilder sb = new StringBuilder(data.json().length() + meta.json().length() + 160);
    sb.append("{\"id\":\"").append(JsonStringEncoder.getInstance().quoteAsString(id)).append("\",\"nonce\":")
        .append(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).append(",\"created_at\":").append(createdAt)
        .append(",\"updated_at\":").append(updatedAt).append(",\"data\":").append(data.json());
    // empty parts are left out: every byte of a body passes through the SDK's checksum stream
    if (!data.hints().isEmpty()) {
      sb.append(",\"data_types\":").append(CODEC.hintsToJson(data.hints()));
    }
    if (!r.metadata().isEmpty()) {
      sb.append(",\"metadata\":").append(meta.json());
    }
    if (!meta.hints().isEmpty()) {
      sb.append(",\"metadata_types\":").append(CODEC.hintsToJson(meta.hints()));
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A stored record and when it was first created. */
  record Stored(Record record, long createdAt) {}

  /**
   * Reads the body with a streaming parser and hands the codec the exact text of {@code data}
   * and {@code metadata} (no re-serialization, so decimals and doubles keep their spelling).
   */
  static Stored decode(String key, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try (JsonParser p = JSON.getFactory().createParser(text)) {
      String id = null;
      long created = 0;
      String data = "{}";
      String meta = "{}";
      Map<String, String> dataHints = Map.of();
      Map<String, String> metaHints = Map.of();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "id":
            id = p.getText();
            break;
          case "created_at":
            created = p.getLongValue();
            break;
          case "data":
          case "metadata": {
            int from = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int to = (int) p.currentLocation().getCharOffset();
            if (field.equals("data")) {
              data = text.substring(from, to);
            } else {
              meta = text.substring(from, to);
            }
            break;
          }
          case "data_types":
          case "metadata_types": {
            Map<String, String> h = t == JsonToken.VALUE_NULL ? Map.of() : CODEC.hintsFromJson(JSON.readTree(p).toString());
            if (field.equals("data_types")) {
              dataHints = h;
            } else {
              metaHints = h;
            }
            break;
          }
          default:
            p.skipChildren();
        }
      }
      if (id == null) {
        throw new IOException("no id");
      }
      Record.Builder b = Record.builder().id(id).putAll(CODEC.decode(data, dataHints));
      CODEC.decode(meta, metaHints).forEach(b::metadata);
      return new Stored(b.build(), created);
    } catch (IOException | RuntimeException e) {
      throw new BackendUnavailableException("object '" + key + "' is not a Dataknobs record: " + e.getMessage(), e);
    }
  }

}

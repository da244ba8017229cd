package io.dataknobs.backend.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record as one JSON Lines line: its data fields as the object's keys, so other tools read the
 * file as plain JSON Lines, with what JSON cannot say in reserved keys written first, and only
 * when needed: {@code @id} (when the data field {@code id} does not already give the storage
 * id), {@code @types} (the {@link RecordCodec} type hints of Instants, dates, decimals, bytes),
 * {@code @metadata_types} and {@code @metadata}. A data key that starts with {@code @} is
 * written with one more {@code @}. A line from elsewhere without {@code @id} is stored under its
 * {@code id} field, or under {@code line-<n>} when it has none.
 */
final class JsonLineCodec {
  private static final RecordCodec CODEC = RecordCodec.standard();
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Set<String> RESERVED = Set.of("@id", "@types", "@metadata_types", "@metadata");

  private JsonLineCodec() {}

  /** @return the line of {@code record} stored under {@code id}, without a newline */
  static String encode(String id, Record record) {
    Map<String, Object> data = escaped(record.data());
    RecordCodec.Encoded d = CODEC.encode(data);
    StringBuilder sb = new StringBuilder(d.json().length() + 32).append('{');
    if (!idFromData(record.data(), id)) {
      sb.append("\"@id\":\"").append(JsonStringEncoder.getInstance().quoteAsString(id)).append("\",");
    }
    if (!d.hints().isEmpty()) {
      sb.append("\"@types\":").append(CODEC.hintsToJson(d.hints())).append(',');
    }
    if (!record.metadata().isEmpty()) {
      RecordCodec.Encoded m = CODEC.encode(record.metadata());
      if (!m.hints().isEmpty()) {
        sb.append("\"@metadata_types\":").append(CODEC.hintsToJson(m.hints())).append(',');
      }
      sb.append("\"@metadata\":").append(m.json()).append(',');
    }
    String json = d.json();
    if (json.length() > 2) {
      sb.append(json, 1, json.length() - 1);
    } else if (sb.charAt(sb.length() - 1) == ',') {
      sb.setLength(sb.length() - 1);
    }
    return sb.append('}').toString();
  }

  /** @return whether the data field {@code id} gives {@code id} as storage id (rule 1) */
  static boolean idFromData(Map<String, Object> data, String id) {
    Object f = data.get("id");
    return f != null && !(f instanceof Map<?, ?> || f instanceof List<?> || f instanceof byte[]) && f.toString().equals(id);
  }

  private static Map<String, Object> escaped(Map<String, Object> data) {
    boolean any = false;
    for (String k : data.keySet()) {
      if (k.startsWith("@")) {
        any = true;
        break;
      }
    }
    if (!any) {
      return data;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    data.forEach((k, v) -> out.put(k.startsWith("@") ? "@" + k : k, v));
    return out;
  }

  /**
   * @return the record a line holds, with its id, or without one (null) when neither {@code @id}
   *     nor the data field {@code id} gives it
   */
  static Record decode(String line) throws MalformedRow {
    String id = null;
    Map<String, String> hints = null;
    Map<String, String> metaHints = null;
    String metaJson = null;
    String dataJson;
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedRow("not a JSON object", column(p), null);
      }
      String key = p.nextFieldName();
      while (key != null && RESERVED.contains(key)) {
        JsonToken t = p.nextToken();
        switch (key) {
          case "@id" -> {
            if (t != JsonToken.VALUE_STRING || p.getText().isEmpty()) {
              throw new MalformedRow("\"@id\" must be a non-empty string", column(p), null);
            }
            id = p.getText();
          }
          case "@types" -> hints = hints(p, key);
          case "@metadata_types" -> metaHints = hints(p, key);
          default -> {
            if (t != JsonToken.START_OBJECT) {
              throw new MalformedRow("\"@metadata\" must be an object", column(p), null);
            }
            int from = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            metaJson = line.substring(from, (int) p.currentLocation().getCharOffset());
          }
        }
        key = p.nextFieldName();
      }
      dataJson = key == null ? "{}" : "{" + line.substring((int) p.currentTokenLocation().getCharOffset());
    } catch (JsonParseException e) {
      throw new MalformedRow(e.getOriginalMessage(), e.getLocation().getColumnNr(), e);
    } catch (IOException e) {
      throw new MalformedRow(e.getMessage(), 0, e);
    }
    Map<String, Object> data;
    Map<String, Object> meta;
    try {
      data = unescaped(CODEC.decode(dataJson, hints));
      meta = metaJson == null ? Map.of() : CODEC.decode(metaJson, metaHints);
    } catch (DataknobsException | IllegalArgumentException | java.time.DateTimeException | ClassCastException e) {
      throw new MalformedRow(e.getMessage(), errorColumn(line), e);
    }
    if (id == null && idFromData(data, String.valueOf(data.get("id")))) {
      id = data.get("id").toString();
    }
    Record.Builder b = Record.builder().id(id).putAll(data);
    meta.forEach(b::metadata);
    return b.build();
  }

  private static long column(JsonParser p) {
    return p.currentTokenLocation().getColumnNr();
  }

  private static Map<String, String> hints(JsonParser p, String key) throws IOException, MalformedRow {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new MalformedRow("\"" + key + "\" must be an object of type names", column(p), null);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new MalformedRow("\"" + key + "\" must map paths to type names", column(p), null);
      }
      out.put(k, p.getText());
    }
    return out;
  }

  private static Map<String, Object> unescaped(Map<String, Object> data) {
    boolean any = false;
    for (String k : data.keySet()) {
      if (k.startsWith("@@")) {
        any = true;
        break;
      }
    }
    if (!any) {
      return data;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    data.forEach((k, v) -> out.put(k.startsWith("@@") ? k.substring(1) : k, v));
    return out;
  }

  /** @return the column where a plain JSON parse of {@code line} fails, or 1 if it does not (a value its type hint cannot take) */
  private static long errorColumn(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      while (p.nextToken() != null) {
        // reading the whole line is the check
      }
      return 1;
    } catch (JsonParseException e) {
      return e.getLocation().getColumnNr();
    } catch (IOException e) {
      return 0;
    }
  }
}

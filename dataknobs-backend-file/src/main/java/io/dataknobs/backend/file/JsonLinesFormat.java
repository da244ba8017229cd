package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Supplier;

/** JSON Lines: one record per line, as {@link JsonLineCodec} writes it; nothing before the rows. */
final class JsonLinesFormat implements RowFormat {
  static final JsonLinesFormat INSTANCE = new JsonLinesFormat();

  private JsonLinesFormat() {}

  @Override
  public RowFormat begin(LineReader lines, String file) {
    return this;
  }

  @Override
  public boolean next(LineReader lines, Row row) throws IOException {
    while (lines.next()) {
      if (lines.blank()) {
        continue;
      }
      row.offset = lines.offset();
      row.span = lines.span();
      row.line = lines.number();
      row.terminated = lines.terminated();
      row.text = lines.text();
      return true;
    }
    return false;
  }

  @Override
  public Record decode(String text) throws MalformedRow {
    return JsonLineCodec.decode(text);
  }

  @Override
  public RowFormat forRecords(Supplier<Iterator<Record>> records) {
    return this;
  }

  @Override
  public String preamble() {
    return "";
  }

  @Override
  public String encode(Record record) {
    return JsonLineCodec.encode(record.id(), record);
  }
}

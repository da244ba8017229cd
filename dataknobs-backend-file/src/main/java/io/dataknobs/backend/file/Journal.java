package io.dataknobs.backend.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.Record;
import io.dataknobs.core.codec.RecordCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The changes made since the file was last compacted, one line each, appended and forced to
 * disk per batch before the write returns: {@code P} and the record as a document, {@code D} and
 * an id, {@code C} for clear. The second character ends a batch ({@code E}) or not ({@code -}),
 * so a batch cut short by a crash, or a torn last line, is recognised on replay and left out:
 * batches apply whole or not at all.
 */
final class Journal implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final RecordCodec CODEC = RecordCodec.standard();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Journal.class);

  /** One write: {@code P} put, {@code D} delete, {@code C} clear. */
  record Op(char kind, String id, Record record) {
    static Op put(String id, Record record) {
      return new Op('P', id, record.id() != null && record.id().equals(id) ? record : record.withId(id));
    }

    static Op delete(String id) {
      return new Op('D', id, null);
    }

    static Op clear() {
      return new Op('C', null, null);
    }
  }

  /** A replayed or appended line: the op, its id, and where its line is. */
  record Entry(char kind, String id, long offset, int length) {}

  private final Path path;
  /** Appends, and reads while the journal is written; null until the first append. */
  private FileChannel channel;
  /** Reads of a journal only replayed (a read-only database); null until the first read. */
  private FileChannel reader;
  private long size;

  Journal(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** @return whether the journal file exists (changes are waiting to be compacted) */
  boolean exists() {
    return Files.exists(path);
  }

  /** @return the bytes of the journal's committed batches */
  long size() {
    return size;
  }

  /**
   * Reads the committed batches in order. An unfinished batch or a torn line at the end (a crash
   * while writing) is reported and left out; when {@code writable}, it is cut off.
   *
   * @throws MalformedFileException for a line inside the journal that is not an entry
   */
  void replay(boolean writable, Consumer<Entry> apply) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      LineReader r = new LineReader(ch, 0, 1);
      List<Entry> batch = new ArrayList<>();
      long committed = 0;
      while (r.next()) {
        String line = r.text();
        if (!r.terminated()) {
          break;
        }
        Entry e = entry(line, r);
        batch.add(e);
        if (line.charAt(1) == 'E') {
          batch.forEach(apply);
          batch.clear();
          committed = r.offset() + r.span();
        }
      }
      size = committed;
      long length = ch.size();
      if (committed < length) {
        LOG.warn("{}: the last {} bytes hold a batch a crash cut short (never acknowledged); {}", path, length - committed,
            writable ? "removing them" : "leaving them out (read-only)");
      }
    }
    if (writable && size < Files.size(path)) {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
        ch.truncate(size);
        ch.force(true);
      }
    }
  }

  private Entry entry(String line, LineReader r) throws IOException {
    if (line.length() < 2 || "PDC".indexOf(line.charAt(0)) < 0 || "E-".indexOf(line.charAt(1)) < 0) {
      throw new MalformedFileException(path.toString(), r.number(), 1, "not a journal entry", null);
    }
    char kind = line.charAt(0);
    String id = null;
    if (kind != 'C') {
      try (JsonParser p = FACTORY.createParser(line.substring(2))) {
        JsonToken t = p.nextToken();
        if (kind == 'P' && t == JsonToken.START_OBJECT && "id".equals(p.nextFieldName()) && p.nextToken() == JsonToken.VALUE_STRING) {
          id = p.getText();
        } else if (kind == 'D' && t == JsonToken.VALUE_STRING) {
          id = p.getText();
        }
      } catch (IOException e) {
        throw new MalformedFileException(path.toString(), r.number(), 3, "journal entry is not JSON: " + e.getMessage(), e);
      }
      if (id == null) {
        throw new MalformedFileException(path.toString(), r.number(), 3, "journal entry names no id", null);
      }
    }
    return new Entry(kind, id, r.offset(), r.span());
  }

  /**
   * Appends one batch and forces it to disk.
   *
   * @return the entries written, in order, with where their lines are
   */
  List<Entry> append(List<Op> ops) throws IOException {
    if (channel == null) {
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      size = channel.size();
    }
    List<Entry> out = new ArrayList<>(ops.size());
    List<byte[]> lines = new ArrayList<>(ops.size());
    long at = size;
    int total = 0;
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      StringBuilder sb = new StringBuilder().append(op.kind()).append(i == ops.size() - 1 ? 'E' : '-');
      if (op.kind() == 'P') {
        sb.append(CODEC.toDocument(op.record()));
      } else if (op.kind() == 'D') {
        sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(op.id())).append('"');
      }
      byte[] line = sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
      lines.add(line);
      out.add(new Entry(op.kind(), op.id(), at, line.length));
      at += line.length;
      total += line.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    lines.forEach(buf::put);
    buf.flip();
    long pos = size;
    while (buf.hasRemaining()) {
      pos += channel.write(buf, pos);
    }
    channel.force(false);
    size = pos;
    return out;
  }

  /** @return the record of the put entry at {@code offset} */
  Record read(long offset, int length) throws IOException {
    FileChannel ch = channel;
    if (ch == null) {
      synchronized (this) {
        if (reader == null) {
          reader = FileChannel.open(path, StandardOpenOption.READ);
        }
        ch = reader;
      }
    }
    return read(ch, path, offset, length);
  }

  /** @return the record of the put entry at {@code offset} of {@code ch} */
  static Record read(FileChannel ch, Path path, long offset, int length) throws IOException {
    return decode(path, offset, WindowReader.exact(ch, offset, length));
  }

  /** @return the record of the put entry at {@code offset}, read through {@code in} */
  static Record read(WindowReader in, Path path, long offset, int length) throws IOException {
    return decode(path, offset, in.text(offset, length));
  }

  private static Record decode(Path path, long offset, String entry) {
    String line = entry.stripTrailing();
    try {
      return CODEC.fromDocument(line.substring(2));
    } catch (DataknobsException e) {
      throw new MalformedFileException(path.toString(), 0, 0, "journal entry at byte " + offset + " is not a record: " + e.getMessage(), e);
    }
  }

  static void readFully(FileChannel c, ByteBuffer buf, long offset) throws IOException {
    long pos = offset;
    while (buf.hasRemaining()) {
      int n = c.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  /** Removes the journal (its changes are in the file now). */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
    size = 0;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}

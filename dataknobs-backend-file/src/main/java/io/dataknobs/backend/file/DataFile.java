package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import io.dataknobs.api.BackendFailureException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The JSON Lines file itself: read line by line with where each record's line is, read back one
 * line by position, and written anew (to a temporary file forced to disk, then moved over the
 * old one, so a crash leaves either file whole). Blank lines are skipped; a last line without a
 * newline that does not parse is a write a crash tore, reported and left out.
 */
final class DataFile {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataFile.class);

  /** A record of the file and where its line is. */
  record Located(Record record, long offset, int length, long line) {}

  private final Path path;
  private FileChannel reader;

  DataFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.exists(path);
  }

  /** @return the records in file order, each with its id (from the line, or {@code line-<n>}); close it */
  Scan scan() throws IOException {
    return new Scan(FileChannel.open(path, StandardOpenOption.READ));
  }

  /** Reads the file lazily; {@link #close} releases it. */
  final class Scan implements Iterator<Located>, AutoCloseable {
    private final FileChannel channel;
    private final LineReader lines;
    private Located next;

    private Scan(FileChannel channel) {
      this.channel = channel;
      this.lines = new LineReader(channel, 0, 1);
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          next = advance();
        } catch (IOException e) {
          throw new BackendFailureException("reading " + path + " failed: " + e.getMessage() + "; check the disk and the file", e);
        }
      }
      return next != null;
    }

    @Override
    public Located next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Located out = next;
      next = null;
      return out;
    }

    private Located advance() throws IOException {
      while (lines.next()) {
        if (lines.blank()) {
          continue;
        }
        String text = lines.text();
        Record r;
        try {
          r = JsonLineCodec.decode(text);
        } catch (JsonLineCodec.Malformed e) {
          if (!lines.terminated()) {
            LOG.warn("{}: line {} has no newline and does not parse: a write a crash cut short, left out ({})", path,
                lines.number(), e.getMessage());
            return null;
          }
          throw new MalformedFileException(path.toString(), lines.number(), e.column, e.getMessage(), e.getCause());
        }
        if (r.id() == null) {
          r = r.withId("line-" + lines.number());
        }
        return new Located(r, lines.offset(), lines.span(), lines.number());
      }
      return null;
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing {}: {}", path, e.getMessage());
      }
    }
  }

  /** @return the record on the line at {@code offset}, with its id */
  Record read(long offset, int length, String id) throws IOException {
    FileChannel ch;
    synchronized (this) {
      if (reader == null) {
        reader = FileChannel.open(path, StandardOpenOption.READ);
      }
      ch = reader;
    }
    return read(ch, path, offset, length, id);
  }

  /** @return the record on the line at {@code offset} of {@code ch}, with its id */
  static Record read(FileChannel ch, Path path, long offset, int length, String id) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    Journal.readFully(ch, buf, offset);
    String line = new String(buf.array(), 0, length, StandardCharsets.UTF_8).stripTrailing();
    try {
      Record r = JsonLineCodec.decode(line);
      return id.equals(r.id()) ? r : r.withId(id);
    } catch (JsonLineCodec.Malformed e) {
      throw new MalformedFileException(path.toString(), 0, e.column, "the line at byte " + offset
          + " changed since the file was opened: " + e.getMessage(), e);
    }
  }

  /** Receives where each record rewritten went. */
  interface Placed {
    void at(String id, long offset, int length);
  }

  /**
   * Writes {@code records} (each with its id) as the new file, replacing the old one atomically.
   */
  void rewrite(Iterator<Record> records, Placed placed) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".compacting");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long pos = 0;
      while (records.hasNext()) {
        Record r = records.next();
        byte[] line = (JsonLineCodec.encode(r.id(), r) + "\n").getBytes(StandardCharsets.UTF_8);
        if (line.length > buf.remaining()) {
          buf.flip();
          while (buf.hasRemaining()) {
            out.write(buf);
          }
          buf.clear();
        }
        if (line.length > buf.capacity()) {
          out.write(ByteBuffer.wrap(line));
        } else {
          buf.put(line);
        }
        placed.at(r.id(), pos, line.length);
        pos += line.length;
      }
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      out.force(true);
    }
    closeReader();
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(path.toAbsolutePath().getParent());
  }

  /** Makes a rename in {@code dir} durable (where the platform lets a directory be opened). */
  static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("cannot force directory {}: {}", dir, e.getMessage());
    }
  }

  synchronized void closeReader() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}

package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * The file itself, in its {@link RowFormat}: read row by row with where each record's row is,
 * read back one row by position, and written anew (to a temporary file forced to disk, then moved
 * over the old one, so a crash leaves either file whole). A last row without a newline that does
 * not parse is a write a crash tore, reported and left out.
 */
final class DataFile implements StoredFile {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataFile.class);

  private final Path path;
  /** The format as the file was last read or written (a CSV file's columns). */
  private volatile RowFormat format;
  private FileChannel reader;

  DataFile(Path path, RowFormat format) {
    this.path = path;
    this.format = format;
  }

  @Override
  public Path path() {
    return path;
  }

  /** @return the records in file order, each with its id (from the row, or {@code line-<n>}); close it */
  @Override
  public Scan scan() throws IOException {
    return new LineScan(FileChannel.open(path, StandardOpenOption.READ));
  }

  /** Reads the file lazily; {@link #close} releases it. */
  private final class LineScan extends ReadAhead {
    private final FileChannel channel;
    private final LineReader lines;
    private final RowFormat rows;
    private final RowFormat.Row row = new RowFormat.Row();
    private LineScan(FileChannel channel) throws IOException {
      super(path);
      this.channel = channel;
      this.lines = new LineReader(channel, 0, 1);
      RowFormat f;
      try {
        f = format.begin(lines, path.toString());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      this.rows = f;
      format = f;
    }

    @Override
    Located fetch() throws IOException {
      if (!rows.next(lines, row)) {
        return null;
      }
      Record r;
      try {
        r = rows.decode(row.text);
      } catch (MalformedRow e) {
        if (!row.terminated) {
          LOG.warn("{}: line {} has no newline and does not parse: a write a crash cut short, left out ({})", path, row.line,
              e.getMessage());
          return null;
        }
        throw new MalformedFileException(path.toString(), row.line + e.line - 1, e.column, e.getMessage(), e.getCause());
      }
      if (r.id() == null) {
        return new Located(r.withId("line-" + row.line), row.offset, row.span, row.line, true);
      }
      return new Located(r, row.offset, row.span, row.line, false);
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

  /** @return the record on the row at {@code offset}, with its id */
  @Override
  public Record read(long offset, int length, String id) throws IOException {
    FileChannel ch;
    synchronized (this) {
      if (reader == null) {
        reader = FileChannel.open(path, StandardOpenOption.READ);
      }
      ch = reader;
    }
    return read(format, ch, path, offset, length, id);
  }

  private static Record read(RowFormat format, FileChannel ch, Path path, long offset, int length, String id) throws IOException {
    return decode(format, path, offset, WindowReader.exact(ch, offset, length), id);
  }

  /** Reads through a channel opened now (which keeps reading this file after a rewrite replaces it) and a window over it. */
  @Override
  public View view() throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    WindowReader window = new WindowReader(ch);
    RowFormat at = format;
    return new View() {
      @Override
      public Record read(long offset, int length, String id) throws IOException {
        return decode(at, path, offset, window.text(offset, length), id);
      }

      @Override
      public void close() {
        try {
          ch.close();
        } catch (IOException e) {
          // a read-only channel: nothing was left unwritten
        }
      }
    };
  }

  private static Record decode(RowFormat format, Path path, long offset, String row, String id) {
    String text = row;
    text = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    try {
      Record r = format.decode(text);
      return id.equals(r.id()) ? r : r.withId(id);
    } catch (MalformedRow e) {
      throw new MalformedFileException(path.toString(), 0, e.column, "the row at byte " + offset
          + " changed since the file was opened: " + e.getMessage(), e);
    }
  }

  @Override
  public void rewrite(Supplier<Iterator<Record>> records, Placed placed) throws IOException {
    RowFormat next = format.forRecords(records);
    Path tmp = path.resolveSibling(path.getFileName() + ".compacting");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      byte[] preamble = next.preamble().getBytes(StandardCharsets.UTF_8);
      buf.put(preamble);
      long pos = preamble.length;
      for (Iterator<Record> it = records.get(); it.hasNext();) {
        Record r = it.next();
        byte[] line = (next.encode(r) + "\n").getBytes(StandardCharsets.UTF_8);
        if (line.length > buf.remaining()) {
          drain(out, buf);
        }
        if (line.length > buf.capacity()) {
          out.write(ByteBuffer.wrap(line));
        } else {
          buf.put(line);
        }
        placed.at(r.id(), pos, line.length);
        pos += line.length;
      }
      drain(out, buf);
      out.force(true);
    }
    closeReader();
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(path.toAbsolutePath().getParent());
    format = next;
  }

  private static void drain(FileChannel out, ByteBuffer buf) throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      out.write(buf);
    }
    buf.clear();
  }

  /** Makes a rename in {@code dir} durable (where the platform lets a directory be opened). */
  static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("cannot force directory {}: {}", dir, e.getMessage());
    }
  }

  @Override
  public synchronized void closeReader() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}

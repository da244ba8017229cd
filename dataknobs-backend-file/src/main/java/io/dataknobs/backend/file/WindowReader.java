package io.dataknobs.backend.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads byte ranges of a file through a window of 256 kB: reading records in file order (a
 * scan, a compaction) costs one system call per window instead of one per record. A read by id
 * takes {@link #exact} instead: a window for one record would be 256 kB for a few hundred bytes.
 */
final class WindowReader {
  private static final int WINDOW = 1 << 18;
  private final FileChannel channel;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
  private long start = -1;
  private int filled;

  WindowReader(FileChannel channel) {
    this.channel = channel;
  }

  /** @return the text of {@code length} bytes at {@code offset} of {@code channel}, read alone (a read by id) */
  static String exact(FileChannel channel, long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    Journal.readFully(channel, b, offset);
    return new String(b.array(), 0, length, StandardCharsets.UTF_8);
  }

  /** @return the text of {@code length} bytes at {@code offset} */
  String text(long offset, int length) throws IOException {
    if (length > WINDOW) {
      return exact(channel, offset, length);
    }
    if (start < 0 || offset < start || offset + length > start + filled) {
      window.clear();
      int n = 0;
      while (n < length) {
        int r = channel.read(window, offset + n);
        if (r < 0) {
          throw new IOException("unexpected end of file at byte " + (offset + n));
        }
        n += r;
      }
      start = offset;
      filled = window.position();
    }
    return new String(window.array(), (int) (offset - start), length, StandardCharsets.UTF_8);
  }
}

package io.dataknobs.backend.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file line by line from a position with each line's byte offset and length, through
 * one buffer of fixed size: a line is held only while it is read, so a file of any size reads
 * in bounded memory.
 */
final class LineReader {
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private long position;
  private byte[] line = new byte[256];
  private int length;
  private long offset;
  private long number;
  private boolean terminated;
  private boolean eof;

  LineReader(FileChannel channel, long start, long firstNumber) {
    this.channel = channel;
    this.position = start;
    this.number = firstNumber - 1;
    buffer.flip();
  }

  /** @return true if a line was read (see {@link #text}, {@link #offset}, {@link #terminated}) */
  boolean next() throws IOException {
    length = 0;
    offset = position - buffer.remaining();
    while (true) {
      if (!buffer.hasRemaining()) {
        if (eof) {
          break;
        }
        buffer.clear();
        int n = channel.read(buffer, position);
        buffer.flip();
        if (n <= 0) {
          eof = true;
          break;
        }
        position += n;
      }
      byte[] a = buffer.array();
      int start = buffer.position();
      int end = buffer.limit();
      int i = start;
      while (i < end && a[i] != '\n') {
        i++;
      }
      append(a, start, i - start);
      if (i < end) {
        buffer.position(i + 1);
        terminated = true;
        number++;
        return true;
      }
      buffer.position(end);
    }
    if (length == 0) {
      return false;
    }
    terminated = false;
    number++;
    return true;
  }

  private void append(byte[] a, int from, int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(a, from, line, length, n);
    length += n;
  }

  /** @return the line read last, without its newline (a carriage return before it is dropped too) */
  String text() {
    int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }

  /** @return the byte offset of the line read last */
  long offset() {
    return offset;
  }

  /** @return the bytes of the line read last, its newline included when it has one */
  int span() {
    return length + (terminated ? 1 : 0);
  }

  /** @return the number of the line read last, from the first number given */
  long number() {
    return number;
  }

  /** @return whether the line read last ended with a newline (a last line without one may be torn) */
  boolean terminated() {
    return terminated;
  }

  /** @return true if the line read last holds nothing but white space */
  boolean blank() {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(line[i])) {
        return false;
      }
    }
    return true;
  }
}

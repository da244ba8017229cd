package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A directory of files of one format (the part files Spark, DuckDB or pandas write) read as one
 * file, in name order: where a record is means its part (the high bits) and where it is in that
 * part. A row that gives no id is {@code <part file name>:line-<n>} (or {@code :row-<n>}), so ids
 * stay apart across parts. Read only: nothing here writes a directory.
 */
final class DirectoryFile implements StoredFile {
  private static final int PART_SHIFT = 44;
  private static final long IN_PART = (1L << PART_SHIFT) - 1;

  private final Path path;
  private final List<StoredFile> parts = new ArrayList<>();

  /**
   * @param path the directory
   * @param files its part files, in order
   * @param format how one part file is opened
   */
  DirectoryFile(Path path, List<Path> files, Function<Path, StoredFile> format) {
    this.path = path;
    for (Path f : files) {
      parts.add(format.apply(f));
    }
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public boolean exists() {
    return java.nio.file.Files.isDirectory(path);
  }

  @Override
  public Scan scan() {
    return new ReadAhead(path) {
      private int part = -1;
      private Scan current;

      @Override
      Located fetch() throws IOException {
        while (current == null || !current.hasNext()) {
          if (current != null) {
            current.close();
            parts.get(part).closeReader(); // a part read through holds nothing open (a Parquet part, its DuckDB)
          }
          if (++part == parts.size()) {
            current = null;
            return null;
          }
          current = parts.get(part).scan();
        }
        Located l = current.next();
        Record r = l.numbered() ? l.record().withId(parts.get(part).path().getFileName() + ":" + l.record().id()) : l.record();
        return new Located(r, ((long) part << PART_SHIFT) | l.offset(), l.length(), l.line(), l.numbered());
      }

      @Override
      public void close() {
        if (current != null) {
          current.close();
        }
      }
    };
  }

  @Override
  public Record read(long offset, int length, String id) throws IOException {
    return parts.get((int) (offset >>> PART_SHIFT)).read(offset & IN_PART, length, id);
  }

  /** Views of the parts, each opened when first read (the files are never replaced: nothing writes them). */
  @Override
  public View view() {
    Map<Integer, View> open = new HashMap<>();
    return new View() {
      @Override
      public Record read(long offset, int length, String id) throws IOException {
        int part = (int) (offset >>> PART_SHIFT);
        View v = open.get(part);
        if (v == null) {
          v = parts.get(part).view();
          open.put(part, v);
        }
        return v.read(offset & IN_PART, length, id);
      }

      @Override
      public void close() {
        open.values().forEach(View::close);
      }
    };
  }

  @Override
  public void rewrite(Supplier<Iterator<Record>> records, Placed placed) {
    throw new UnsupportedOperationException("a directory of files is read only");
  }

  @Override
  public void closeReader() throws IOException {
    for (StoredFile p : parts) {
      p.closeReader();
    }
  }
}

package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * The file a {@link FileStore} keeps its records in, whatever its format: read in order with
 * where each record is, read back one record by where it is, and written anew whole (to a
 * temporary file forced to disk, then moved over the old one, so a crash leaves either file
 * whole). Where a record is ({@code offset}, {@code length}) means what the implementation says:
 * a row's bytes in a text file, a row number in a Parquet file.
 */
interface StoredFile {
  /**
   * A record of the file and where it is; {@code line} counts rows from 1 for messages;
   * {@code numbered} when the row gives no id and the record's is made from its number.
   */
  record Located(Record record, long offset, int length, long line, boolean numbered) {}

  /** The records in file order; {@link #close} releases the file. */
  interface Scan extends Iterator<Located>, AutoCloseable {
    @Override
    void close();
  }

  /** A scan that reads one record ahead: {@link #fetch} gives the next, or null past the last. */
  abstract class ReadAhead implements Scan {
    private final Path path;
    private Located next;
    private boolean done;

    ReadAhead(Path path) {
      this.path = path;
    }

    /** @return the next record and where it is, or null past the last */
    abstract Located fetch() throws IOException;

    @Override
    public final boolean hasNext() {
      if (next == null && !done) {
        try {
          next = fetch();
        } catch (IOException e) {
          throw new io.dataknobs.api.BackendFailureException("reading " + path + " failed: " + e.getMessage()
              + "; check the disk and the file", e);
        }
        done = next == null;
      }
      return next != null;
    }

    @Override
    public final Located next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Located out = next;
      next = null;
      return out;
    }
  }

  /** Reads records of the file as it was when the view was taken, even after it is replaced. */
  interface View extends AutoCloseable {
    /** @return the record at {@code offset}, with its id {@code id} */
    Record read(long offset, int length, String id) throws IOException;

    @Override
    void close();
  }

  /** Receives where each record rewritten went. */
  interface Placed {
    void at(String id, long offset, int length);
  }

  Path path();

  default boolean exists() {
    return java.nio.file.Files.exists(path());
  }

  /** @return the records in file order, each with its id (from the file, or numbered by its row); close it */
  Scan scan() throws IOException;

  /** @return the record at {@code offset} of the file as it is now, with its id {@code id} */
  Record read(long offset, int length, String id) throws IOException;

  /** @return a view of the file as it is now (taken under the store's lock, read without it) */
  View view() throws IOException;

  /**
   * Writes {@code records} (each with its id) as the new file, replacing the old one atomically.
   * {@code records} may be asked for more than once (a format that must see every record before
   * the first, such as a CSV file's columns).
   */
  void rewrite(Supplier<Iterator<Record>> records, Placed placed) throws IOException;

  /** Releases what reads by {@link #read} hold open. */
  void closeReader() throws IOException;
}

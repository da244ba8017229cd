package io.dataknobs.backend.file;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Record;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A Parquet file, read and written through DuckDB's JDBC driver (an in-memory DuckDB per file,
 * which reads Parquet natively and writes it with a typed column per field). Where a record is
 * means its row number; a read by row number reads only the row group holding it. The file is
 * written from a table filled by DuckDB's appender, then copied to a temporary file that is forced
 * to disk and moved over the old one.
 */
final class ParquetFile implements StoredFile {
  private final Path path;
  private final Map<String, String> declared;
  /** The columns of the file as it was last read or written. */
  private volatile ParquetSchema schema;
  private DuckDBConnection root;
  private DuckDBConnection pointConnection;
  private PreparedStatement point;
  private ParquetSchema pointSchema;

  private ParquetFile(Path path, Map<String, String> declared) {
    this.path = path;
    this.declared = Map.copyOf(declared);
  }

  /**
   * @param declared column types the configuration declares, over those the file says
   * @return how a Parquet file is opened
   * @throws ConfigurationException if DuckDB's JDBC driver is not there to read it with
   */
  static Function<Path, StoredFile> opener(Map<String, String> declared) {
    try {
      Class.forName("org.duckdb.DuckDBDriver", false, ParquetFile.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException("format", "format parquet reads and writes through DuckDB's JDBC driver"
          + " (org.duckdb:duckdb_jdbc), which is not on the class path; add it (dataknobs-backend-duckdb brings it), or use"
          + " jsonl or csv");
    }
    return p -> new ParquetFile(p, declared);
  }

  @Override
  public Path path() {
    return path;
  }

  private synchronized DuckDBConnection connection() throws SQLException {
    if (root == null) {
      Properties p = new Properties();
      p.setProperty("jdbc_stream_results", "true");
      root = (DuckDBConnection) new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", p);
      try (Statement s = root.createStatement()) {
        // the file is replaced under the same name: never answer from blocks cached for the old one
        s.execute("SET enable_external_file_cache = false");
      } catch (SQLException e) {
        // a DuckDB without that cache
      }
    }
    return root.duplicate();
  }

  /** @return the file's columns, read now */
  private ParquetSchema readSchema(DuckDBConnection c) throws IOException {
    try {
      ParquetSchema s = ParquetSchema.read(c, path, declared);
      schema = s;
      return s;
    } catch (SQLException e) {
      throw new MalformedFileException(path.toString(), 0, 0, "DuckDB cannot read it as Parquet: " + e.getMessage(), e);
    }
  }

  private String scanSql(ParquetSchema s) {
    return "SELECT " + s.selectList() + ", file_row_number FROM read_parquet(" + ParquetSchema.literal(path.toString())
        + ", file_row_number = true)";
  }

  @Override
  public Scan scan() throws IOException {
    return cursor();
  }

  private Cursor cursor() throws IOException {
    DuckDBConnection c = null;
    try {
      c = connection();
      ParquetSchema s = readSchema(c);
      Statement st = c.createStatement();
      return new Cursor(c, st, st.executeQuery(scanSql(s)), s);
    } catch (SQLException e) {
      close(c);
      throw new IOException("reading " + path + " through DuckDB failed: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      close(c);
      throw e;
    }
  }

  private static void close(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a reader: nothing was left unwritten
      }
    }
  }

  /** The rows in file order, read as a stream of DuckDB's result (the file stays open, so it reads the file as it was). */
  private final class Cursor extends ReadAhead {
    private final DuckDBConnection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final ParquetSchema columns;
    private final String[] cells;
    /** The row the result is on, or -1 before the first. */
    private long row = -1;
    private boolean done;

    Cursor(DuckDBConnection connection, Statement statement, ResultSet rows, ParquetSchema columns) {
      super(path);
      this.connection = connection;
      this.statement = statement;
      this.rows = rows;
      this.columns = columns;
      this.cells = new String[columns.names().size()];
    }

    /** Moves to the next row; @return false past the last */
    boolean advance() throws SQLException {
      if (done || !rows.next()) {
        done = true;
        return false;
      }
      row = rows.getLong(cells.length + 1);
      return true;
    }

    /** @return the record of the row the result is on, with the id {@code id} (null: its own, which may be null) */
    Record record(String id) throws SQLException {
      for (int i = 0; i < cells.length; i++) {
        cells[i] = columns.kinds().get(i).read(rows, i + 1);
      }
      return decode(columns, cells, row, id);
    }

    @Override
    Located fetch() throws IOException {
      try {
        if (!advance()) {
          return null;
        }
        Record r = record(null);
        return r.id() != null ? new Located(r, row, 0, row + 1, false) : new Located(r.withId("row-" + (row + 1)), row, 0, row + 1, true);
      } catch (SQLException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      ParquetFile.close(rows);
      ParquetFile.close(statement);
      ParquetFile.close(connection);
    }
  }

  /** @return the record of a row's cells, with the id {@code id} (null: the row's own, null when it gives none) */
  private Record decode(ParquetSchema s, String[] cells, long row, String id) {
    Record r;
    try {
      r = s.layout().decodeCells(cells);
    } catch (MalformedRow e) {
      throw new MalformedFileException(path.toString(), row + 1, e.column, e.getMessage(), e.getCause());
    }
    return id == null || id.equals(r.id()) ? r : r.withId(id);
  }

  @Override
  public synchronized Record read(long offset, int length, String id) throws IOException {
    try {
      ParquetSchema s = schema;
      if (point == null || pointSchema != s) {
        close(point);
        if (pointConnection == null) {
          pointConnection = connection();
        }
        if (s == null) {
          s = readSchema(pointConnection);
        }
        point = pointConnection.prepareStatement("SELECT " + s.selectList() + " FROM read_parquet("
            + ParquetSchema.literal(path.toString()) + ", file_row_number = true) WHERE file_row_number = ?");
        pointSchema = s;
      }
      point.setLong(1, offset);
      String[] cells = new String[s.names().size()];
      try (ResultSet rs = point.executeQuery()) {
        if (!rs.next()) {
          throw new IOException("row " + (offset + 1) + " is not in the file any more");
        }
        for (int i = 0; i < cells.length; i++) {
          cells[i] = s.kinds().get(i).read(rs, i + 1);
        }
      }
      return decode(s, cells, offset, id);
    } catch (SQLException e) {
      throw new IOException("reading row " + (offset + 1) + " of " + path + " through DuckDB failed: " + e.getMessage(), e);
    }
  }

  /**
   * A view reads the file's rows through a cursor opened now (rows asked for in increasing order,
   * as the index holds them, are read in one pass). A row behind the cursor (another pass over the
   * view) starts a new cursor, from the same file: a view is only read again while the file is
   * the one it was taken of (by compaction, under the store's lock).
   */
  @Override
  public View view() throws IOException {
    Object file = fileKey();
    return new View() {
      private Cursor cursor = start();

      private Cursor start() throws IOException {
        Cursor c = cursor();
        try {
          c.advance(); // the scan is running: the file it reads stays open
        } catch (SQLException e) {
          c.close();
          throw new IOException("reading " + path + " through DuckDB failed: " + e.getMessage(), e);
        }
        return c;
      }

      @Override
      public Record read(long offset, int length, String id) throws IOException {
        try {
          if (offset < cursor.row) {
            if (!java.util.Objects.equals(file, fileKey())) {
              throw new IOException("the file was written anew since this view of it was taken; read it again");
            }
            cursor.close();
            cursor = start();
          }
          while (cursor.row < offset && cursor.advance()) {
            // skip rows the snapshot does not hold
          }
          if (cursor.row != offset) {
            throw new IOException("row " + (offset + 1) + " is not in the file");
          }
          return cursor.record(id);
        } catch (SQLException e) {
          throw new IOException("reading " + path + " through DuckDB failed: " + e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        cursor.close();
      }
    };
  }

  /** @return what identifies the file now at the path (its inode, where the platform has one) */
  private Object fileKey() throws IOException {
    var attributes = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
    return attributes.fileKey() != null ? attributes.fileKey() : attributes.lastModifiedTime();
  }

  @Override
  public void rewrite(Supplier<Iterator<Record>> records, Placed placed) throws IOException {
    ParquetSchema next = ParquetSchema.forRecords(declared, records);
    Path tmp = path.resolveSibling(path.getFileName() + ".compacting");
    try (DuckDBConnection c = connection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE OR REPLACE TABLE rewrite (" + next.columnsDdl() + ")");
      }
      long row = 0;
      try (DuckDBAppender ap = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rewrite")) {
        for (Iterator<Record> it = records.get(); it.hasNext();) {
          Record r = it.next();
          ap.beginRow();
          if (!next.appendNatively(ap, r)) {
            String[] cells = next.layout().encodeCells(r);
            for (int i = 0; i < cells.length; i++) {
              next.kinds().get(i).append(ap, cells[i]);
            }
          }
          ap.endRow();
          placed.at(r.id(), row++, 0);
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("COPY rewrite TO " + ParquetSchema.literal(tmp.toString()) + " (FORMAT parquet, KV_METADATA " + next.kvMetadata() + ")");
        s.execute("DROP TABLE rewrite");
      }
    } catch (SQLException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("writing " + path + " through DuckDB failed: " + e.getMessage(), e);
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    DataFile.forceDirectory(path.toAbsolutePath().getParent());
    schema = next;
  }

  @Override
  public synchronized void closeReader() {
    close(point);
    close(pointConnection);
    close(root);
    point = null;
    pointConnection = null;
    root = null;
  }
}

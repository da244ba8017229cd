package io.dataknobs.backend.file;

import io.dataknobs.api.BackendFailureException;

/**
 * A line of a file does not hold a record: it is not JSON, not an object, or its reserved keys
 * are not what they must be. Names the file, the line (from 1) and the column (from 1) where
 * reading stopped, so the line can be fixed or removed; nothing was changed by reading it.
 */
public final class MalformedFileException extends BackendFailureException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final long line;
  private final long column;

  /**
   * @param file the file
   * @param line the line, from 1
   * @param column the column, from 1 (0 when unknown)
   * @param problem what is wrong there
   * @param cause the parser's exception, or null
   */
  public MalformedFileException(String file, long line, long column, String problem, Throwable cause) {
    super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + problem
        + "; fix or remove that line (or restore the file) and open it again", cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** @return the file */
  public String file() {
    return file;
  }

  /** @return the line, from 1 */
  public long line() {
    return line;
  }

  /** @return the column, from 1; 0 when unknown */
  public long column() {
    return column;
  }
}

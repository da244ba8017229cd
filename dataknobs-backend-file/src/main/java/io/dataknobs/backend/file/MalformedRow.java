package io.dataknobs.backend.file;

/**
 * Why a row's text does not hold a record, and where: the line within the row (from 1; a CSV row
 * may span lines) and the column (from 1; 0 when unknown). {@link DataFile} turns it into a
 * {@link MalformedFileException} naming the file and the line in it.
 */
final class MalformedRow extends Exception {
  private static final long serialVersionUID = 1L;
  final long line;
  final long column;

  MalformedRow(String message, long line, long column, Throwable cause) {
    super(message, cause);
    this.line = line;
    this.column = column;
  }

  MalformedRow(String message, long column, Throwable cause) {
    this(message, 1, column, cause);
  }
}

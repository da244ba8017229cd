package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * How records are rows of a file: where a row ends, what precedes the rows (a CSV header), and
 * how a row's text becomes a record and back. An instance describes one version of a file (a CSV
 * file's columns), so it is immutable: rewriting the file gives a new one.
 */
interface RowFormat {
  /** Where a row is and its text. */
  final class Row {
    long offset;
    int span;
    long line;
    boolean terminated;
    String text;
  }

  /**
   * Reads what precedes the rows from the start of a file.
   *
   * @return the format of the rows that follow
   */
  RowFormat begin(LineReader lines, String file) throws IOException;

  /** @return true if the next row was read into {@code row} (blank lines are skipped) */
  boolean next(LineReader lines, Row row) throws IOException;

  /** @return the record a row's text holds; its id null when the row gives none */
  Record decode(String text) throws MalformedRow;

  /** @return the format to write {@code records} with (a CSV file's columns are those the records use) */
  RowFormat forRecords(Supplier<Iterator<Record>> records);

  /** @return the text written before the rows, with its newline, or empty */
  String preamble();

  /** @return the row of a record (with its id), without a newline */
  String encode(Record record);
}

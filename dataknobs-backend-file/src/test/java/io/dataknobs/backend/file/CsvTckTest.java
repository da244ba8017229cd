package io.dataknobs.backend.file;

/**
 * The whole TCK on a CSV file, a fresh file per test, compacted whenever the journal outgrows the
 * file: most records are read back from CSV rows, not from the journal.
 */
class CsvTckTest extends FileTckTest {
  @Override
  String extension() {
    return "csv";
  }

  @Override
  Integer compactBytes() {
    return 1;
  }
}

package io.dataknobs.backend.file;

/**
 * The whole TCK on a Parquet file, a fresh file per test, compacted whenever the journal outgrows
 * the file: most records are read back from Parquet rows (typed columns), not from the journal.
 */
class ParquetTckTest extends FileTckTest {
  @Override
  String extension() {
    return "parquet";
  }

  @Override
  Integer compactBytes() {
    return 1;
  }
}

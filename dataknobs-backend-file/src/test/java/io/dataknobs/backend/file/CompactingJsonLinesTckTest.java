package io.dataknobs.backend.file;

/**
 * The whole TCK on a JSON Lines file, a fresh file per test, compacted whenever the journal outgrows the
 * file: most records are read back from the file's lines, not from the journal.
 */
class CompactingJsonLinesTckTest extends FileTckTest {
  @Override
  String extension() {
    return "jsonl";
  }

  @Override
  Integer compactBytes() {
    return 1;
  }
}

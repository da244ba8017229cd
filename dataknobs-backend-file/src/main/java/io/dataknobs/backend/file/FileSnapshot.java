package io.dataknobs.backend.file;

import io.dataknobs.api.Record;
import java.io.IOException;
import io.dataknobs.api.BackendFailureException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The records as the index holds them at one moment, read lazily through channels opened at
 * that moment: a compaction that replaces the file or deletes the journal later does not change
 * what those channels read (the old files stay readable while open), and appends to the journal
 * land beyond every offset taken. Taken under the database's lock; read without it.
 */
final class FileSnapshot implements AutoCloseable {
  private final FileIndex.Snapshot placed;
  private final DataFile file;
  private final Journal journal;
  private final FileChannel fileChannel;
  private final FileChannel journalChannel;
  private final RowFormat format;
  private final WindowReader fileWindow;
  private final WindowReader journalWindow;

  FileSnapshot(FileIndex index, DataFile file, Journal journal) throws IOException {
    this.placed = index.snapshot();
    this.format = file.format();
    this.file = file;
    this.journal = journal;
    this.fileChannel = FileChannel.open(file.path(), StandardOpenOption.READ);
    FileChannel j = null;
    if (journal.exists()) {
      try {
        j = FileChannel.open(journal.path(), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        // no journal: every slot is in the file
      }
    }
    this.journalChannel = j;
    this.fileWindow = new WindowReader(fileChannel);
    this.journalWindow = j == null ? null : new WindowReader(j);
  }

  /** @return the records in index order (as often as asked; {@link #close} ends them all) */
  Stream<Record> records() {
    return java.util.stream.IntStream.range(0, placed.size()).filter(p -> placed.ids()[p] != null).mapToObj(this::load);
  }

  private Record load(int p) {
    boolean inJournal = placed.inJournal(p);
    try {
      return inJournal ? Journal.read(journalWindow, journal.path(), placed.offset(p), placed.lengths()[p])
          : DataFile.read(format, fileWindow, file.path(), placed.offset(p), placed.lengths()[p], placed.ids()[p]);
    } catch (IOException e) {
      throw new BackendFailureException("reading " + (inJournal ? journal.path() : file.path()) + " failed: " + e.getMessage()
          + "; check the disk and open the file again", e);
    }
  }

  @Override
  public void close() {
    try {
      fileChannel.close();
      if (journalChannel != null) {
        journalChannel.close();
      }
    } catch (IOException e) {
      // read-only channels: nothing was left unwritten
    }
  }
}

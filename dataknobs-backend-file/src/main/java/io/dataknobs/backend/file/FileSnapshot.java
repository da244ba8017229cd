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
  private final StoredFile file;
  private final Journal journal;
  private final StoredFile.View fileView;
  private final FileChannel journalChannel;
  private final WindowReader journalWindow;

  /** @param placed the index's slots at this moment ({@link FileIndex#snapshot}, or {@link FileIndex#unchanging} under the write lock) */
  FileSnapshot(FileIndex.Snapshot placed, StoredFile file, Journal journal) throws IOException {
    this.placed = placed;
    this.file = file;
    this.journal = journal;
    this.fileView = file.view();
    FileChannel j = null;
    if (journal.exists()) {
      try {
        j = FileChannel.open(journal.path(), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        // no journal: every slot is in the file
      }
    }
    this.journalChannel = j;
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
          : fileView.read(placed.offset(p), placed.lengths()[p], placed.ids()[p]);
    } catch (IOException e) {
      throw new BackendFailureException("reading " + (inJournal ? journal.path() : file.path()) + " failed: " + e.getMessage()
          + "; check the disk and open the file again", e);
    }
  }

  @Override
  public void close() {
    try {
      fileView.close();
      if (journalChannel != null) {
        journalChannel.close();
      }
    } catch (IOException e) {
      // read-only channels: nothing was left unwritten
    }
  }
}

package io.dataknobs.backend.file;

import io.dataknobs.api.BackendFailureException;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Record;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The storage of a {@link FileDatabase}: the file, the {@link Journal} beside it and the
 * {@link FileIndex} over both, behind one read-write lock. The file is only ever replaced whole;
 * every write goes to the journal first and is on disk when it returns. Compaction writes the
 * file anew from the index when the journal holds more entries than the file has records (and is
 * past {@code compact_bytes}) and on close, then deletes the journal. A writer holds {@code <file>.lock}, so a second writer (another
 * process, or this one) is refused. A file opened read-only with no journal is read straight
 * through with no index until a read by id needs one, so any size streams in bounded memory.
 */
final class FileStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileStore.class);

  private final FileSettings settings;
  private final StoredFile file;
  private final Journal journal;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final FileChannel lockChannel;
  /** Null while a read-only database reads its file straight through; read outside the lock to see whether to build it. */
  private volatile FileIndex index;
  /** Records in the file, and entries in the journal, as of the last compaction or open (under the lock). */
  private long fileRecords;
  private long journalEntries;

  FileStore(FileSettings settings) {
    this.settings = settings;
    this.file = settings.format().apply(settings.path());
    this.journal = new Journal(settings.path().resolveSibling(settings.path().getFileName() + ".journal"));
    FileChannel locked = null;
    try {
      if (settings.readOnly()) {
        if (!file.exists()) {
          throw new ConfigurationException("path", settings.path() + ": no such file (read_only opens an existing file; "
              + "check the path)");
        }
        if (journal.exists()) {
          buildIndex();
        }
      } else {
        Path parent = settings.path().toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          throw new ConfigurationException("path", parent + ": no such directory for the file " + settings.path()
              + "; create it, or give another path");
        }
        locked = lockOrExplain(settings.path().resolveSibling(settings.path().getFileName() + ".lock"));
        if (!file.exists()) {
          file.rewrite(() -> List.<Record>of().iterator(), (id, offset, length) -> { });
        }
        buildIndex();
      }
    } catch (IOException | RuntimeException e) {
      release(locked);
      throw e instanceof IOException io ? failure("open", io) : (RuntimeException) e;
    }
    this.lockChannel = locked;
  }

  private static void release(FileChannel locked) {
    if (locked != null) {
      try {
        locked.close();
      } catch (IOException e) {
        LOG.debug("releasing the lock: {}", e.getMessage());
      }
    }
  }

  /** Takes the writer's lock; a path the file system refuses (too long, not allowed) is the configuration's fault. */
  private FileChannel lockOrExplain(Path lockFile) throws IOException {
    try {
      return lock(lockFile);
    } catch (java.nio.file.FileSystemException e) {
      throw new ConfigurationException("path", "cannot create files beside " + settings.path() + ": " + (e.getReason() != null ? e.getReason() : e.getMessage())
          + " (" + e.getClass().getSimpleName() + "); check the path and its permissions");
    }
  }

  private static FileChannel lock(Path lockFile) throws IOException {
    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (ch.tryLock() != null) {
        return ch;
      }
    } catch (OverlappingFileLockException e) {
      // held by this process
    }
    ch.close();
    throw new BackendUnavailableException("the file is open for writing elsewhere (" + lockFile + " is locked); close the other"
        + " database, or open this one with read_only: true", null);
  }

  private void buildIndex() throws IOException {
    FileIndex ix = new FileIndex();
    long rows = 0;
    try (StoredFile.Scan s = file.scan()) {
      while (s.hasNext()) {
        StoredFile.Located l = s.next();
        if (!ix.putNew(l.record().id(), false, l.offset(), l.length())) {
          throw new MalformedFileException(file.path().toString(), l.line(), 1, "id '" + l.record().id()
              + "' is already on an earlier line", null);
        }
        rows++;
      }
    }
    long[] entries = {0};
    journal.replay(!settings.readOnly(), e -> {
      ix.replay(e);
      entries[0]++;
    });
    fileRecords = rows;
    journalEntries = entries[0];
    index = ix;
  }

  RuntimeException failure(String what, IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
      return new BackendFailureException(what + " " + settings.path() + ": " + e.getClass().getSimpleName() + " " + e.getMessage()
          + "; check the path and its permissions", e);
    }
    return new BackendFailureException(what + " " + settings.path() + " failed: " + e.getMessage()
        + "; check the disk (space, permissions) and open the file again", e);
  }

  /** Runs {@code work} under the read lock, with the index built. */
  <T> T read(Supplier<T> work) {
    if (index == null) {
      write(() -> {
        if (index == null) {
          try {
            buildIndex();
          } catch (IOException e) {
            throw failure("index", e);
          }
        }
        return null;
      });
    }
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs {@code work} under the write lock. */
  <T> T write(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      return work.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** @return the index (under the lock) */
  FileIndex index() {
    return index;
  }

  /**
   * Appends {@code ops} to the journal as one batch, then applies them to the index; compacts once
   * the journal is past {@code compact_bytes} and holds more entries than the file has records, so
   * the file is written anew after its size has doubled at most (whatever the format's density).
   */
  void apply(List<Journal.Op> ops) {
    try {
      index.apply(journal.append(ops));
      journalEntries += ops.size();
      if (journal.size() > settings.compactBytes() && journalEntries > fileRecords) {
        compact();
      }
    } catch (IOException e) {
      throw failure("write", e);
    }
  }

  /** @return the record at a slot of the index (under the lock) */
  Record load(String id, FileIndex.Slot s) {
    try {
      return s.inJournal() ? journal.read(s.offset(), s.length()) : file.read(s.offset(), s.length(), id);
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  /** The records as they are now, read lazily through channels of their own (unaffected by later compaction). */
  Stream<Record> records() {
    if (index == null && !journal.exists()) {
      try {
        StoredFile.Scan s = file.scan();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(s, Spliterator.ORDERED), false)
            .map(StoredFile.Located::record).onClose(s::close);
      } catch (IOException e) {
        throw failure("read", e);
      }
    }
    return read(() -> {
      try {
        FileSnapshot snap = new FileSnapshot(index.snapshot(), file, journal);
        return snap.records().onClose(snap::close);
      } catch (IOException e) {
        throw failure("read", e);
      }
    });
  }

  /** Writes the file anew from the index and empties the journal. Under the write lock. */
  private void compact() throws IOException {
    FileIndex next = index.compacted();
    try (FileSnapshot snap = new FileSnapshot(index.unchanging(), file, journal)) {
      file.rewrite(() -> snap.records().iterator(), next::placed);
    }
    journal.delete();
    index = next;
    fileRecords = next.size();
    journalEntries = 0;
    LOG.debug("compacted {}: {} records", file.path(), next.size());
  }

  /** Compacts a writable file with changes, and releases the files. */
  void close() {
    write(() -> {
      try {
        if (!settings.readOnly() && index != null && journal.exists()) {
          compact();
        }
        journal.close();
        file.closeReader();
        release(lockChannel);
      } catch (IOException e) {
        LOG.warn("closing {}: {} (the journal keeps every change; the next open applies it)", file.path(), e.getMessage());
      }
      return null;
    });
  }

}

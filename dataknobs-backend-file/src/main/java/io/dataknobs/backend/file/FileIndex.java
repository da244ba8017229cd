package io.dataknobs.backend.file;

import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.core.tx.WriteOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where each record's current line is (the file or the journal) and its version, in the order
 * records were first stored: an update keeps a record's place, a delete and create moves it to
 * the end, as on the SQL engines. Versions come from a counter that never repeats while the
 * database is open, behind a prefix chosen at open (tokens from before a reopen do not match).
 *
 * <p>Kept in parallel arrays by position (an id, a location with the journal in its top bit, a
 * length, a version) and an open-addressing table from ids to positions: about 30 bytes a record
 * beside its id, where a map of objects took about 140, so a million records index in a small
 * heap. A deleted record leaves a hole until the next compaction. Guarded by the database's lock.
 */
final class FileIndex {
  /** Where a record's line is, and its version. */
  record Slot(boolean inJournal, long offset, int length, long version) {}

  /** Checks an expected version against a current slot (throws {@link ConcurrencyException}). */
  interface Check {
    void check(String id, Slot current, String expectedVersion);
  }

  private static final long JOURNAL = 1L << 62;
  private static final int EMPTY = 0;
  private static final int DELETED = -1;

  private final String prefix;
  private long counter;
  private String[] ids = new String[16];
  private long[] where = new long[16];
  private int[] lengths = new int[16];
  private long[] versions = new long[16];
  /** Positions used, holes included. */
  private int used;
  private int live;
  /** position + 1, {@link #EMPTY} or {@link #DELETED}. */
  private int[] table = new int[32];
  private int tableFill;

  FileIndex() {
    this(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-");
  }

  private FileIndex(String prefix) {
    this.prefix = prefix;
  }

  private static int hash(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** @return the position of {@code id}, or -1 */
  private int find(String id) {
    int mask = table.length - 1;
    for (int i = hash(id) & mask;; i = (i + 1) & mask) {
      int t = table[i];
      if (t == EMPTY) {
        return -1;
      }
      if (t > 0 && ids[t - 1].equals(id)) {
        return t - 1;
      }
    }
  }

  /** Puts {@code position} in the table; {@link #append} made room first. */
  private void link(String id, int position) {
    int mask = table.length - 1;
    int i = hash(id) & mask;
    while (table[i] > 0) {
      i = (i + 1) & mask;
    }
    if (table[i] == EMPTY) {
      tableFill++;
    }
    table[i] = position + 1;
  }

  private void unlink(String id) {
    int mask = table.length - 1;
    for (int i = hash(id) & mask;; i = (i + 1) & mask) {
      int t = table[i];
      if (t > 0 && ids[t - 1].equals(id)) {
        table[i] = DELETED;
        return;
      }
    }
  }

  private void rehash(int size) {
    table = new int[size];
    tableFill = 0;
    int mask = size - 1;
    for (int p = 0; p < used; p++) {
      if (ids[p] != null) {
        int i = hash(ids[p]) & mask;
        while (table[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        table[i] = p + 1;
        tableFill++;
      }
    }
  }

  private int append(String id, long at, int length, long version) {
    if (used == ids.length) {
      int n = ids.length * 2;
      ids = Arrays.copyOf(ids, n);
      where = Arrays.copyOf(where, n);
      lengths = Arrays.copyOf(lengths, n);
      versions = Arrays.copyOf(versions, n);
    }
    // room in the table before the new position exists: a rehash links every position it finds
    if ((tableFill + 1) * 2 > table.length) {
      rehash(live * 2 + 2 > table.length / 2 ? table.length * 2 : table.length);
    }
    int p = used++;
    ids[p] = id;
    where[p] = at;
    lengths[p] = length;
    versions[p] = version;
    live++;
    link(id, p);
    return p;
  }

  boolean contains(String id) {
    return find(id) >= 0;
  }

  Slot get(String id) {
    int p = find(id);
    return p < 0 ? null : slot(p);
  }

  private Slot slot(int p) {
    return new Slot((where[p] & JOURNAL) != 0, where[p] & ~JOURNAL, lengths[p], versions[p]);
  }

  int size() {
    return live;
  }

  String token(Slot s) {
    return prefix + s.version();
  }

  /** Adds a record of the file; false if its id is taken. */
  boolean putNew(String id, boolean inJournal, long offset, int length) {
    if (find(id) >= 0) {
      return false;
    }
    append(id, inJournal ? offset | JOURNAL : offset, length, ++counter);
    return true;
  }

  /** Applies one journal entry. */
  void replay(Journal.Entry e) {
    switch (e.kind()) {
      case 'P' -> {
        int p = find(e.id());
        if (p < 0) {
          append(e.id(), e.offset() | JOURNAL, e.length(), ++counter);
        } else {
          where[p] = e.offset() | JOURNAL;
          lengths[p] = e.length();
          versions[p] = ++counter;
        }
      }
      case 'D' -> {
        int p = find(e.id());
        if (p >= 0) {
          unlink(e.id());
          ids[p] = null;
          live--;
        }
      }
      default -> {
        Arrays.fill(ids, 0, used, null);
        Arrays.fill(table, EMPTY);
        used = 0;
        live = 0;
        tableFill = 0;
      }
    }
  }

  void apply(List<Journal.Entry> entries) {
    entries.forEach(this::replay);
  }

  /** The index as it was at one moment: positions in order, holes left as null ids. */
  record Snapshot(String[] ids, long[] where, int[] lengths, int size) {
    boolean inJournal(int p) {
      return (where[p] & JOURNAL) != 0;
    }

    long offset(int p) {
      return where[p] & ~JOURNAL;
    }
  }

  /** @return the ids and locations as they are now, in order (about 20 bytes a record) */
  Snapshot snapshot() {
    return new Snapshot(Arrays.copyOf(ids, used), Arrays.copyOf(where, used), Arrays.copyOf(lengths, used), used);
  }

  /**
   * @return the ids and locations without copying them: for a reader that holds the store's write
   *     lock while it reads, so the index cannot change under it (compaction, which would otherwise
   *     hold a second copy of a large index)
   */
  Snapshot unchanging() {
    return new Snapshot(ids, where, lengths, used);
  }

  /**
   * @return an empty index with this one's versions, to be filled by {@link #placed}, in the
   *     order of this index, as the file is written anew
   */
  FileIndex compacted() {
    FileIndex next = new FileIndex(prefix);
    next.counter = counter;
    next.ids = new String[Math.max(16, live)];
    next.where = new long[next.ids.length];
    next.lengths = new int[next.ids.length];
    next.versions = new long[next.ids.length];
    next.table = new int[Integer.highestOneBit(Math.max(16, live) * 2) * 2];
    next.from = this;
    return next;
  }

  /** The index being compacted from and how far its positions have been placed. */
  private FileIndex from;
  private int fromCursor;

  /** Records that the next record of the old index, {@code id}, is now on the line at {@code offset} of the file. */
  void placed(String id, long offset, int length) {
    while (from.ids[fromCursor] == null || !from.ids[fromCursor].equals(id)) {
      fromCursor++;
    }
    // the old index's id, not the one just read back: a million ids are held once, not twice
    append(from.ids[fromCursor], offset, length, from.versions[fromCursor++]);
  }

  /**
   * @return the journal batch of a transaction's writes, after checking each against the index
   *     as the earlier writes of the same transaction leave it
   * @throws DuplicateRecordException or {@link ConcurrencyException} for a write that cannot apply
   */
  List<Journal.Op> plan(List<WriteOp> ops, Check check) {
    Map<String, Boolean> staged = new LinkedHashMap<>();
    boolean cleared = false;
    List<Journal.Op> out = new ArrayList<>(ops.size());
    for (WriteOp op : ops) {
      if (op.kind() == WriteOp.Kind.CLEAR) {
        cleared = true;
        staged.clear();
        out.add(Journal.Op.clear());
        continue;
      }
      String id = op.id();
      Slot current = staged.containsKey(id) || cleared ? null : get(id);
      boolean present = staged.containsKey(id) ? staged.get(id) : current != null;
      if (op.expectedVersion() != null) {
        if (!present) {
          throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
        }
        if (current != null) {
          check.check(id, current, op.expectedVersion());
        }
      }
      switch (op.kind()) {
        case CREATE -> {
          if (present) {
            throw new DuplicateRecordException(id);
          }
          out.add(Journal.Op.put(id, op.record()));
          staged.put(id, true);
        }
        case UPDATE -> {
          if (!present) {
            throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
          }
          out.add(Journal.Op.put(id, op.record()));
        }
        case UPSERT -> {
          out.add(Journal.Op.put(id, op.record()));
          staged.put(id, true);
        }
        default -> {
          if (present) {
            out.add(Journal.Op.delete(id));
          }
          staged.put(id, false);
        }
      }
    }
    return out;
  }
}

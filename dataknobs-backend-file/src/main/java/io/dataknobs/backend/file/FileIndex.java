package io.dataknobs.backend.file;

import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.core.tx.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where each record's current line is (the file or the journal) and its version, in the order
 * records were first stored: an update keeps a record's place, a delete and create moves it to
 * the end, as on the SQL engines. Versions come from a counter that never repeats while the
 * database is open, behind a prefix chosen at open (tokens from before a reopen do not match).
 * Guarded by the database's lock.
 */
final class FileIndex {
  /** Where a record's line is, and its version. */
  record Slot(boolean inJournal, long offset, int length, long version) {}

  /** A record's id with its slot, as a snapshot holds them. */
  record Placed(String id, Slot slot) {}

  /** Checks an expected version against a current slot (throws {@link ConcurrencyException}). */
  interface Check {
    void check(String id, Slot current, String expectedVersion);
  }

  private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>();
  private final String prefix;
  private long counter;
  /** The index being compacted from, for the versions of records placed into this one. */
  private FileIndex from;

  FileIndex() {
    this(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-");
  }

  private FileIndex(String prefix) {
    this.prefix = prefix;
  }

  boolean contains(String id) {
    return slots.containsKey(id);
  }

  Slot get(String id) {
    return slots.get(id);
  }

  int size() {
    return slots.size();
  }

  String token(Slot s) {
    return prefix + s.version();
  }

  /** Adds a record of the file; false if its id is taken. */
  boolean putNew(String id, boolean inJournal, long offset, int length) {
    if (slots.containsKey(id)) {
      return false;
    }
    slots.put(id, new Slot(inJournal, offset, length, ++counter));
    return true;
  }

  /** Applies one journal entry. */
  void replay(Journal.Entry e) {
    switch (e.kind()) {
      case 'P' -> slots.put(e.id(), new Slot(true, e.offset(), e.length(), ++counter));
      case 'D' -> slots.remove(e.id());
      default -> slots.clear();
    }
  }

  void apply(List<Journal.Entry> entries) {
    entries.forEach(this::replay);
  }

  /** @return the ids and slots as they are now, in order */
  List<Placed> snapshot() {
    List<Placed> out = new ArrayList<>(slots.size());
    slots.forEach((id, s) -> out.add(new Placed(id, s)));
    return out;
  }

  /** @return an empty index with this one's versions, to be filled by {@link #placed} as the file is written anew */
  FileIndex compacted() {
    FileIndex next = new FileIndex(prefix);
    next.counter = counter;
    next.from = this;
    return next;
  }

  /** Records that the record {@code id} is now on the line at {@code offset} of the file. */
  void placed(String id, long offset, int length) {
    slots.put(id, new Slot(false, offset, length, from.slots.get(id).version()));
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
      Slot current = staged.containsKey(id) || cleared ? null : slots.get(id);
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

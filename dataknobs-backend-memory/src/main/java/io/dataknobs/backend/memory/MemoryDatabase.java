package io.dataknobs.backend.memory;

import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.query.QueryEvaluator;
import io.dataknobs.core.tx.BufferedTransaction;
import io.dataknobs.core.tx.WriteOp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Records in an insertion-ordered map behind a read-write lock: many concurrent readers,
 * one writer at a time, so batches are atomic and exactly one of several racing creates or
 * conditional writes wins. Version tokens come from a counter that never repeats within the
 * database (ABA-safe across delete and re-create). Transactions buffer their writes and
 * commit them atomically under the write lock, after checking every conflict.
 */
final class MemoryDatabase extends AbstractDatabase {
  private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TRANSACTIONS,
      Capability.CONDITIONAL_WRITE, Capability.QUERY_PUSHDOWN, Capability.AGGREGATION_PUSHDOWN,
      Capability.BULK_WRITE));

  /** The version is a counter; its token form is made only when asked for. */
  private record Entry(Record record, long version) {}

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Entry> entries;
  private final String tokenPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
  private long versionCounter;

  MemoryDatabase(int initialCapacity) {
    this.entries = new LinkedHashMap<>(Math.max(16, initialCapacity * 4 / 3 + 1));
  }

  private <T> T read(Supplier<T> work) {
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      return work.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Entry entry(String id, Record record) {
    return new Entry(record.id() == null || !record.id().equals(id) ? record.withId(id) : record, ++versionCounter);
  }

  @Override
  protected void doCreate(String id, Record record) {
    write(() -> {
      if (entries.containsKey(id)) {
        throw new DuplicateRecordException(id);
      }
      return entries.put(id, entry(id, record));
    });
  }

  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    write(() -> {
      for (String id : ids) {
        if (entries.containsKey(id)) {
          throw new DuplicateRecordException(id);
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        entries.put(ids.get(i), entry(ids.get(i), records.get(i)));
      }
      return null;
    });
  }

  @Override
  protected Optional<Record> doRead(String id) {
    return read(() -> {
      Entry e = entries.get(id);
      return e == null ? Optional.empty() : Optional.of(e.record);
    });
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    return read(() -> {
      List<Optional<Record>> out = new ArrayList<>(ids.size());
      for (String id : ids) {
        Entry e = id == null ? null : entries.get(id);
        out.add(e == null ? Optional.empty() : Optional.of(e.record));
      }
      return out;
    });
  }

  private String token(Entry e) {
    return tokenPrefix + e.version;
  }

  private void check(String id, Entry current, String expectedVersion) {
    if (expectedVersion != null && !expectedVersion.equals(token(current))) {
      throw new ConcurrencyException(id, "conditional write to '" + id + "': expected version " + expectedVersion
          + " but the record is at " + token(current));
    }
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    return write(() -> {
      Entry e = entries.get(id);
      if (e == null) {
        return false;
      }
      check(id, e, expectedVersion);
      entries.put(id, entry(id, record));
      return true;
    });
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    write(() -> {
      if (expectedVersion != null) {
        Entry e = entries.get(id);
        if (e == null) {
          throw new ConcurrencyException(id, "conditional upsert of '" + id + "': no record is stored");
        }
        check(id, e, expectedVersion);
      }
      return entries.put(id, entry(id, record));
    });
  }

  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    write(() -> {
      for (int i = 0; i < ids.size(); i++) {
        entries.put(ids.get(i), entry(ids.get(i), records.get(i)));
      }
      return null;
    });
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    return write(() -> {
      Entry e = entries.get(id);
      if (e == null) {
        return false;
      }
      check(id, e, expectedVersion);
      entries.remove(id);
      return true;
    });
  }

  @Override
  protected Optional<String> doVersion(String id) {
    return read(() -> {
      Entry e = entries.get(id);
      return e == null ? Optional.empty() : Optional.of(token(e));
    });
  }

  /** @param max stop after this many matches (for unsorted, limited queries) */
  private List<Record> matching(Query query, long max) {
    Predicate<Record> p = query.matchesAll() ? r -> true : QueryEvaluator.compile(query.condition());
    return read(() -> {
      List<Record> out = new ArrayList<>();
      for (Entry e : entries.values()) {
        if (out.size() >= max) {
          break;
        }
        if (p.test(e.record)) {
          out.add(e.record);
        }
      }
      return out;
    });
  }

  @Override
  protected List<Record> doSearch(Query query) {
    long max = query.sorts().isEmpty() && query.limit() != null ? (long) query.offset() + query.limit() : Long.MAX_VALUE;
    return QueryEvaluator.page(query, matching(query, max), true);
  }

  @Override
  protected long doCount(Query query) {
    if (query.matchesAll()) {
      return read(() -> (long) entries.size());
    }
    return matching(query, Long.MAX_VALUE).size();
  }

  /**
   * Streams a snapshot of the matching records. The records live in this process already,
   * so the snapshot holds references, not copies.
   */
  @Override
  protected Stream<Record> doStreamRead(Query query, StreamConfig config) {
    return doSearch(query).stream();
  }

  @Override
  protected long doClear() {
    return write(() -> {
      long n = entries.size();
      entries.clear();
      return n;
    });
  }

  @Override
  protected Transaction doBeginTransaction(TransactionPolicy policy) {
    return new BufferedTransaction(this, policy, new AtomicCommit());
  }

  /** Validates every buffered write against the current state, then applies all of them. */
  private final class AtomicCommit implements BufferedTransaction.Committer {
    @Override
    public void commit(List<WriteOp> ops) {
      lock.writeLock().lock();
      try {
        Map<String, Entry> staged = new LinkedHashMap<>();
        boolean cleared = false;
        for (WriteOp op : ops) {
          if (op.kind() == WriteOp.Kind.CLEAR) {
            cleared = true;
            staged.clear();
            continue;
          }
          String id = op.id();
          Entry current = staged.containsKey(id) ? staged.get(id) : cleared ? null : entries.get(id);
          if (op.expectedVersion() != null) {
            if (current == null) {
              throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
            }
            check(id, current, op.expectedVersion());
          }
          switch (op.kind()) {
            case CREATE:
              if (current != null) {
                throw new DuplicateRecordException(id);
              }
              staged.put(id, entry(id, op.record()));
              break;
            case UPDATE:
              if (current == null) {
                throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
              }
              staged.put(id, entry(id, op.record()));
              break;
            case UPSERT:
              staged.put(id, entry(id, op.record()));
              break;
            default:
              staged.put(id, null);
          }
        }
        if (cleared) {
          entries.clear();
        }
        staged.forEach((id, e) -> {
          if (e == null) {
            entries.remove(id);
          } else {
            entries.put(id, e);
          }
        });
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public boolean atomic() {
      return true;
    }
  }

  @Override
  protected void doClose() {
    doClear();
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String backendName() {
    return "memory";
  }
}

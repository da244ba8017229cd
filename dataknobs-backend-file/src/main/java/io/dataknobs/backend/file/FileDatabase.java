package io.dataknobs.backend.file;

import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.ReadOnlyDatabaseException;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.query.QueryEvaluator;
import io.dataknobs.core.tx.BufferedTransaction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Records in a JSON Lines file ({@link FileStore} keeps them): the API's semantics over the
 * store's index, journal and scans. Reads by id go through the index; queries filter the
 * records as the store streams them with the reference evaluator, so unsorted queries and
 * counts run in bounded memory; writes check the index and append one journal batch each, so a
 * batch or a transaction applies whole or not at all, also across a crash.
 */
final class FileDatabase extends AbstractDatabase {
  private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TRANSACTIONS,
      Capability.CONDITIONAL_WRITE, Capability.BULK_WRITE, Capability.PERSISTENT));

  private final FileSettings settings;
  private final FileStore store;

  FileDatabase(FileSettings settings) {
    this.settings = settings;
    this.store = new FileStore(settings);
  }

  private <T> T read(Supplier<T> work) {
    return store.read(work);
  }

  private <T> T write(Supplier<T> work) {
    return store.write(work);
  }

  private void apply(List<Journal.Op> ops) {
    store.apply(ops);
  }

  private Record load(String id, FileIndex.Slot s) {
    return store.load(id, s);
  }

  @Override
  protected void ensureWritable() {
    if (settings.readOnly()) {
      throw new ReadOnlyDatabaseException("the file " + settings.path() + " is open read-only (read_only: true); nothing was written");
    }
  }

  @Override
  protected void doCreate(String id, Record record) {
    write(() -> {
      if (store.index().contains(id)) {
        throw new DuplicateRecordException(id);
      }
      apply(List.of(Journal.Op.put(id, record)));
      return null;
    });
  }

  @Override
  protected void doCreateBatch(List<String> ids, List<Record> records) {
    write(() -> {
      for (String id : ids) {
        if (store.index().contains(id)) {
          throw new DuplicateRecordException(id);
        }
      }
      apply(puts(ids, records));
      return null;
    });
  }

  private static List<Journal.Op> puts(List<String> ids, List<Record> records) {
    List<Journal.Op> ops = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      ops.add(Journal.Op.put(ids.get(i), records.get(i)));
    }
    return ops;
  }

  @Override
  protected Optional<Record> doRead(String id) {
    return read(() -> {
      FileIndex.Slot s = store.index().get(id);
      return s == null ? Optional.empty() : Optional.of(load(id, s));
    });
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    ensureOpen();
    return read(() -> {
      List<Optional<Record>> out = new ArrayList<>(ids.size());
      for (String id : ids) {
        FileIndex.Slot s = id == null ? null : store.index().get(id);
        out.add(s == null ? Optional.empty() : Optional.of(load(id, s)));
      }
      return out;
    });
  }

  private String token(FileIndex.Slot s) {
    return store.index().token(s);
  }

  private void check(String id, FileIndex.Slot current, String expectedVersion) {
    if (expectedVersion != null && !expectedVersion.equals(token(current))) {
      throw new ConcurrencyException(id, "conditional write to '" + id + "': expected version " + expectedVersion
          + " but the record is at " + token(current));
    }
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    return write(() -> {
      FileIndex.Slot s = store.index().get(id);
      if (s == null) {
        return false;
      }
      check(id, s, expectedVersion);
      apply(List.of(Journal.Op.put(id, record)));
      return true;
    });
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    write(() -> {
      if (expectedVersion != null) {
        FileIndex.Slot s = store.index().get(id);
        if (s == null) {
          throw new ConcurrencyException(id, "conditional upsert of '" + id + "': no record is stored");
        }
        check(id, s, expectedVersion);
      }
      apply(List.of(Journal.Op.put(id, record)));
      return null;
    });
  }

  @Override
  protected void doUpsertBatch(List<String> ids, List<Record> records) {
    write(() -> {
      apply(puts(ids, records));
      return null;
    });
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    return write(() -> {
      FileIndex.Slot s = store.index().get(id);
      if (s == null) {
        return false;
      }
      check(id, s, expectedVersion);
      apply(List.of(Journal.Op.delete(id)));
      return true;
    });
  }

  @Override
  protected Optional<String> doVersion(String id) {
    return read(() -> {
      FileIndex.Slot s = store.index().get(id);
      return s == null ? Optional.empty() : Optional.of(token(s));
    });
  }

  @Override
  protected long doClear() {
    return write(() -> {
      long n = store.index().size();
      apply(List.of(Journal.Op.clear()));
      return n;
    });
  }

  private Stream<Record> matching(Query query) {
    Predicate<Record> p = query.matchesAll() ? r -> true : QueryEvaluator.compile(query.condition());
    return store.records().filter(p);
  }

  @Override
  protected List<Record> doSearch(Query query) {
    try (Stream<Record> s = matching(query)) {
      Stream<Record> m = s;
      if (query.sorts().isEmpty() && query.limit() != null) {
        m = m.limit((long) query.offset() + query.limit());
      }
      return QueryEvaluator.page(query, m.collect(java.util.stream.Collectors.toList()), true);
    }
  }

  @Override
  protected long doCount(Query query) {
    if (query.matchesAll() && store.index() != null) {
      return read(() -> (long) store.index().size());
    }
    try (Stream<Record> s = matching(query)) {
      return s.count();
    }
  }

  /** Unsorted queries stream straight from the file; sorted ones need every match first. */
  @Override
  protected Stream<Record> doStreamRead(Query query, StreamConfig config) {
    if (!query.sorts().isEmpty()) {
      return doSearch(query).stream();
    }
    Stream<Record> s = matching(query).skip(query.offset());
    if (query.limit() != null) {
      s = s.limit(query.limit());
    }
    return query.select() == null ? s : s.map(r -> r.project(query.select()));
  }

  @Override
  protected Transaction doBeginTransaction(TransactionPolicy policy) {
    return new BufferedTransaction(this, policy, new FileCommit());
  }

  /** Checks every buffered write against the index, then writes them all as one journal batch. */
  private final class FileCommit implements BufferedTransaction.Committer {
    @Override
    public void commit(List<io.dataknobs.core.tx.WriteOp> ops) {
        write(() -> {
        List<Journal.Op> batch = store.index().plan(ops, FileDatabase.this::check);
        if (!batch.isEmpty()) {
          apply(batch);
        }
        return null;
      });
    }

    @Override
    public boolean atomic() {
      return true;
    }
  }

  @Override
  protected void doClose() {
    store.close();
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String backendName() {
    return "file";
  }
}

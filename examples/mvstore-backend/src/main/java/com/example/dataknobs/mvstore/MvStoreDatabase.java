package com.example.dataknobs.mvstore;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.codec.RecordCodec;
import io.dataknobs.core.query.QueryEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Records in one MVStore map, id → document. The kit's {@link AbstractDatabase} asks for the
 * eight primitives below and derives everything else (id choice, all-or-nothing batches,
 * counting, aggregation, streaming, emulated transactions, the async view) from them; the kit's
 * {@link QueryEvaluator} answers queries, so they mean exactly what the rule book says.
 *
 * <p>Each record's version token sits beside it in a second map. Writes take one lock, so a
 * version check and the write it guards are one step; reads take none. A file store commits
 * after every write, so a write that returned is on disk.
 */
final class MvStoreDatabase extends AbstractDatabase {
  private static final RecordCodec CODEC = RecordCodec.standard();

  private final MVStore store;
  private final MVMap<String, String> records;
  private final MVMap<String, Long> versions;
  private final MVMap<String, Long> meta;
  private final boolean persistent;
  private final ReentrantLock writes = new ReentrantLock();

  MvStoreDatabase(String path, String map, int cacheSizeMb, boolean compress) {
    try {
      MVStore.Builder b = new MVStore.Builder().cacheSize(cacheSizeMb).autoCommitDisabled();
      if (path != null) {
        b.fileName(path);
      }
      if (compress) {
        b.compress();
      }
      store = b.open();
    } catch (MVStoreException e) {
      throw new BackendUnavailableException("cannot open the MVStore at " + path + ": " + e.getMessage()
          + " (is another process holding it?)", e);
    }
    records = store.openMap(map);
    versions = store.openMap(map + ".versions");
    meta = store.openMap(map + ".meta");
    persistent = path != null;
  }

  @Override
  protected void doCreate(String id, Record record) {
    write(() -> {
      if (records.containsKey(id)) {
        throw new DuplicateRecordException(id);
      }
      put(id, record);
      return null;
    });
  }

  @Override
  protected Optional<Record> doRead(String id) {
    String doc = records.get(id);
    return doc == null ? Optional.empty() : Optional.of(CODEC.fromDocument(doc));
  }

  @Override
  protected boolean doUpdate(String id, Record record, String expectedVersion) {
    return write(() -> {
      if (!records.containsKey(id)) {
        return false;
      }
      check(id, expectedVersion);
      put(id, record);
      return true;
    });
  }

  @Override
  protected void doUpsert(String id, Record record, String expectedVersion) {
    write(() -> {
      if (expectedVersion != null) {
        if (!records.containsKey(id)) {
          throw new ConcurrencyException(id, "record '" + id + "' does not exist; a conditional upsert needs the stored version");
        }
        check(id, expectedVersion);
      }
      put(id, record);
      return null;
    });
  }

  @Override
  protected boolean doDelete(String id, String expectedVersion) {
    return write(() -> {
      if (!records.containsKey(id)) {
        return false;
      }
      check(id, expectedVersion);
      records.remove(id);
      versions.remove(id);
      return true;
    });
  }

  @Override
  protected Optional<String> doVersion(String id) {
    Long v = versions.get(id);
    return v == null ? Optional.empty() : Optional.of(Long.toString(v));
  }

  @Override
  protected List<Record> doSearch(Query query) {
    List<Record> all = new ArrayList<>(records.size());
    records.values().forEach(doc -> all.add(CODEC.fromDocument(doc)));
    return QueryEvaluator.apply(query, all);
  }

  @Override
  protected long doClear() {
    return write(() -> {
      long n = records.size();
      records.clear();
      versions.clear();
      return n;
    });
  }

  @Override
  protected void doClose() {
    store.close();
  }

  @Override
  public Set<Capability> capabilities() {
    return persistent ? Set.of(Capability.CONDITIONAL_WRITE, Capability.PERSISTENT) : Set.of(Capability.CONDITIONAL_WRITE);
  }

  @Override
  public String backendName() {
    return "mvstore";
  }

  /** Stores the document and a fresh version: a store-wide counter, so a token never repeats, also across delete and re-create. */
  private void put(String id, Record record) {
    long version = meta.merge("version", 1L, Long::sum);
    records.put(id, CODEC.toDocument(record.withId(id)));
    versions.put(id, version);
  }

  private void check(String id, String expectedVersion) {
    if (expectedVersion != null && !expectedVersion.equals(String.valueOf(versions.get(id)))) {
      throw new ConcurrencyException(id, "record '" + id + "' changed since version " + expectedVersion);
    }
  }

  private <T> T write(java.util.function.Supplier<T> change) {
    writes.lock();
    try {
      T result = change.get();
      if (persistent) {
        store.commit();
      }
      return result;
    } catch (MVStoreException e) {
      store.rollback();
      throw new BackendUnavailableException("MVStore write failed: " + e.getMessage(), e);
    } finally {
      writes.unlock();
    }
  }
}

package io.dataknobs.decorator.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.decorator.ForwardingDatabase;
import io.dataknobs.core.decorator.ForwardingTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Caffeine caches in front of a database: records by id ({@code read}, {@code readBatch},
 * {@code exists}; misses are cached too) and query results ({@code search}, {@code count},
 * {@code aggregate}, keyed by the query's canonical form).
 *
 * <p>Never stale for writes made through this database (rule 28): every write drops the
 * records it touched and every query result once it has been applied, and a transaction does
 * so when it commits. A read that raced with a write does not store what it loaded: each write
 * advances a generation, and a loaded value is stored only if no write finished while it was
 * loading. Writes made by other processes are seen when entries expire ({@code ttl}).
 * Records are immutable, so cached ones are shared without copies.
 */
public final class CachingDatabase extends ForwardingDatabase implements io.dataknobs.core.metrics.MeterBinding {
  private final Cache<String, Optional<Record>> records;
  private final Cache<List<Object>, Object> queries;
  /** Advanced after every write, so loads that overlapped a write are not stored. */
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param delegate the database to cache
   * @param settings sizes and lifetimes
   */
  public CachingDatabase(Database delegate, CacheSettings settings) {
    super(delegate);
    this.records = Caffeine.newBuilder().maximumSize(settings.recordsMaxSize()).expireAfterWrite(settings.recordsTtl())
        .recordStats().build();
    this.queries = Caffeine.newBuilder().maximumSize(settings.queriesMaxSize()).expireAfterWrite(settings.queriesTtl())
        .recordStats().build();
  }

  /** @return hit, miss and eviction counts of the record cache */
  public CacheStatistics recordStatistics() {
    return stats(records.stats(), records.estimatedSize());
  }

  /** @return hit, miss and eviction counts of the query cache */
  public CacheStatistics queryStatistics() {
    return stats(queries.stats(), queries.estimatedSize());
  }

  /**
   * {@inheritDoc} Caffeine's statistics through Micrometer's Caffeine binder: {@code cache.gets}
   * (hit, miss), {@code cache.puts}, {@code cache.evictions}, {@code cache.size}, tagged
   * {@code cache=records} or {@code cache=queries} beside {@code tags}.
   */
  @Override
  public AutoCloseable bindMeters(Object registry, Map<String, String> tags) {
    return CacheMeters.bind(registry, tags, Map.of("records", records, "queries", queries));
  }

  private static CacheStatistics stats(CacheStats s, long size) {
    return new CacheStatistics(s.hitCount(), s.missCount(), s.evictionCount(), size);
  }

  // ---- reads -----------------------------------------------------------------------------------

  @Override
  public Optional<Record> read(String id) {
    if (id == null) {
      return super.read(id); // the backend's validation error
    }
    ensureOpen();
    Optional<Record> hit = records.getIfPresent(id);
    if (hit != null) {
      return hit;
    }
    long g = generation.get();
    Optional<Record> loaded = super.read(id);
    store(records, id, loaded, g);
    return loaded;
  }

  @Override
  public List<Optional<Record>> readBatch(List<String> ids) {
    if (ids == null || ids.stream().anyMatch(java.util.Objects::isNull)) {
      return super.readBatch(ids);
    }
    ensureOpen();
    Map<String, Optional<Record>> hits = records.getAllPresent(ids);
    List<Optional<Record>> out = new ArrayList<>(ids.size());
    java.util.LinkedHashSet<String> misses = null;
    for (String id : ids) {
      Optional<Record> hit = hits.get(id);
      out.add(hit);
      if (hit == null) {
        if (misses == null) {
          misses = new java.util.LinkedHashSet<>();
        }
        misses.add(id);
      }
    }
    if (misses == null) {
      return out;
    }
    List<String> load = new ArrayList<>(misses);
    long g = generation.get();
    List<Optional<Record>> loaded = super.readBatch(load);
    Map<String, Optional<Record>> found = new java.util.HashMap<>();
    for (int i = 0; i < load.size(); i++) {
      found.put(load.get(i), loaded.get(i));
      store(records, load.get(i), loaded.get(i), g);
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        out.set(i, found.get(ids.get(i)));
      }
    }
    return out;
  }

  @Override
  public boolean exists(String id) {
    if (id != null) {
      ensureOpen();
      Optional<Record> hit = records.getIfPresent(id);
      if (hit != null) {
        return hit.isPresent();
      }
    }
    return super.exists(id);
  }

  @Override
  public List<Record> search(Query query) {
    return query == null ? super.search(query) : new ArrayList<>(query("search", query, null, () -> List.copyOf(super.search(query))));
  }

  @Override
  public long count(Query query) {
    return query == null ? super.count(query) : query("count", query, null, () -> super.count(query));
  }

  @Override
  public List<Record> aggregate(Query query, Aggregation... aggregations) {
    if (query == null || aggregations == null) {
      return super.aggregate(query, aggregations);
    }
    return new ArrayList<>(query("aggregate", query, Arrays.toString(aggregations),
        () -> List.copyOf(super.aggregate(query, aggregations))));
  }

  @SuppressWarnings("unchecked")
  private <T> T query(String op, Query query, String extra, Supplier<T> load) {
    ensureOpen();
    List<Object> key = Arrays.asList(op, query.toMap(), extra);
    Object hit = queries.getIfPresent(key);
    if (hit != null) {
      return (T) hit;
    }
    long g = generation.get();
    T loaded = load.get();
    store(queries, key, loaded, g);
    return loaded;
  }

  /** Stores a loaded value unless a write finished since {@code loadedAt} (it may be stale). */
  private <K, V> void store(Cache<K, V> cache, K key, V value, long loadedAt) {
    cache.asMap().compute(key, (k, old) -> generation.get() == loadedAt ? value : old);
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Runs a write, then (whatever happened) advances the generation and drops what it may have made stale. */
  private <T> T write(Collection<String> ids, Supplier<T> call) {
    try {
      return call.get();
    } finally {
      generation.incrementAndGet();
      if (ids == null) {
        records.invalidateAll();
      } else {
        records.invalidateAll(ids);
      }
      queries.invalidateAll();
    }
  }

  private static List<String> idsOf(List<Record> rs) {
    List<String> ids = new ArrayList<>();
    if (rs != null) {
      for (Record r : rs) {
        if (r != null && r.id() != null) {
          ids.add(r.id());
        }
      }
    }
    return ids;
  }

  private static List<String> one(String id) {
    return id == null ? List.of() : List.of(id);
  }

  @Override
  public String create(Record record) {
    List<String> ids = new ArrayList<>(record == null || record.id() == null ? List.of() : List.of(record.id()));
    return write(ids, () -> {
      String id = super.create(record);
      ids.add(id);
      return id;
    });
  }

  @Override
  public List<String> createBatch(List<Record> batch) {
    List<String> ids = idsOf(batch);
    return write(ids, () -> {
      List<String> created = super.createBatch(batch);
      ids.addAll(created);
      return created;
    });
  }

  @Override
  public boolean update(String id, Record record) {
    return write(one(id), () -> super.update(id, record));
  }

  @Override
  public boolean update(String id, Record record, String expectedVersion) {
    return write(one(id), () -> super.update(id, record, expectedVersion));
  }

  @Override
  public List<Boolean> updateBatch(List<Record> batch) {
    return write(idsOf(batch), () -> super.updateBatch(batch));
  }

  @Override
  public List<Boolean> updateBatch(Map<String, Record> updates) {
    return write(updates == null ? List.of() : new ArrayList<>(updates.keySet()), () -> super.updateBatch(updates));
  }

  @Override
  public String upsert(String id, Record record) {
    return write(one(id), () -> super.upsert(id, record));
  }

  @Override
  public String upsert(Record record) {
    List<String> ids = new ArrayList<>(record == null || record.id() == null ? List.of() : List.of(record.id()));
    return write(ids, () -> {
      String id = super.upsert(record);
      ids.add(id);
      return id;
    });
  }

  @Override
  public String upsert(String id, Record record, String expectedVersion) {
    return write(one(id), () -> super.upsert(id, record, expectedVersion));
  }

  @Override
  public List<String> upsertBatch(List<Record> batch) {
    List<String> ids = idsOf(batch);
    return write(ids, () -> {
      List<String> written = super.upsertBatch(batch);
      ids.addAll(written);
      return written;
    });
  }

  @Override
  public boolean delete(String id) {
    return write(one(id), () -> super.delete(id));
  }

  @Override
  public boolean delete(String id, String expectedVersion) {
    return write(one(id), () -> super.delete(id, expectedVersion));
  }

  @Override
  public List<Boolean> deleteBatch(List<String> ids) {
    return write(ids == null ? List.of() : new ArrayList<>(ids), () -> super.deleteBatch(ids));
  }

  @Override
  public long clear() {
    return write(null, super::clear);
  }

  /** Transactions read and write the backend directly; committing drops both caches. */
  @Override
  public Transaction beginTransaction(TransactionPolicy policy) {
    Transaction tx = super.beginTransaction(policy);
    return new ForwardingTransaction(tx) {
      @Override
      public void commit() {
        write(null, () -> {
          super.commit();
          return null;
        });
      }
    };
  }
}

package io.dataknobs.core;

import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.query.QueryEvaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** A primitives-only database for core's own tests; {@link #failOn} makes writes of an id fail. */
public class MapDatabase extends AbstractDatabase {
  private final Map<String, Record> records = new LinkedHashMap<>();
  private final Map<String, Long> versions = new LinkedHashMap<>();
  private long counter;
  /** Writes of a record whose id matches fail with IllegalArgumentException-like errors. */
  public volatile Predicate<String> failOn = id -> false;
  /** Milliseconds every createBatch sleeps. */
  public volatile long batchDelayMillis;

  private void maybeFail(String id) {
    if (failOn.test(id)) {
      throw new io.dataknobs.api.BackendUnavailableException("injected failure writing '" + id + "'");
    }
  }

  @Override
  protected synchronized void doCreate(String id, Record record) {
    maybeFail(id);
    if (records.containsKey(id)) {
      throw new DuplicateRecordException(id);
    }
    records.put(id, record.withId(id));
    versions.put(id, ++counter);
  }

  @Override
  protected void doCreateBatch(List<String> ids, List<Record> batch) {
    if (batchDelayMillis > 0) {
      try {
        Thread.sleep(batchDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    super.doCreateBatch(ids, batch);
  }

  @Override
  protected synchronized Optional<Record> doRead(String id) {
    return Optional.ofNullable(records.get(id));
  }

  private void check(String id, String expected) {
    if (expected != null && !String.valueOf(versions.get(id)).equals(expected)) {
      throw new ConcurrencyException(id, "stale " + expected);
    }
  }

  @Override
  protected synchronized boolean doUpdate(String id, Record record, String expectedVersion) {
    maybeFail(id);
    if (!records.containsKey(id)) {
      return false;
    }
    check(id, expectedVersion);
    records.put(id, record.withId(id));
    versions.put(id, ++counter);
    return true;
  }

  @Override
  protected synchronized void doUpsert(String id, Record record, String expectedVersion) {
    maybeFail(id);
    if (expectedVersion != null && !records.containsKey(id)) {
      throw new ConcurrencyException(id, "missing");
    }
    check(id, expectedVersion);
    records.put(id, record.withId(id));
    versions.put(id, ++counter);
  }

  @Override
  protected synchronized boolean doDelete(String id, String expectedVersion) {
    if (!records.containsKey(id)) {
      return false;
    }
    check(id, expectedVersion);
    records.remove(id);
    versions.remove(id);
    return true;
  }

  @Override
  protected synchronized Optional<String> doVersion(String id) {
    return Optional.ofNullable(versions.get(id)).map(String::valueOf);
  }

  @Override
  protected synchronized List<Record> doSearch(Query query) {
    return QueryEvaluator.apply(query, List.copyOf(records.values()));
  }

  @Override
  protected synchronized long doClear() {
    long n = records.size();
    records.clear();
    versions.clear();
    return n;
  }

  @Override
  protected void doClose() {}

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public String backendName() {
    return "map";
  }
}

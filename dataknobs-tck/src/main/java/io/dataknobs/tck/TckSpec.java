package io.dataknobs.tck;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every spec: a fresh database per test from {@link #fixture()}, cleared and closed
 * afterwards, and small helpers.
 */
public abstract class TckSpec {
  /** The database under test, fresh for each test. */
  protected Database db;

  /** @return the backend under test */
  protected abstract TckFixture fixture();

  /** Opens the database. */
  @BeforeEach
  protected void openTckDatabase() {
    db = fixture().newDatabase();
  }

  /** Clears and closes the database. */
  @AfterEach
  protected void closeTckDatabase() {
    if (db != null && !db.isClosed()) {
      try {
        db.clear();
      } finally {
        db.close();
      }
    }
  }

  /** @return true if the backend declares the capability ({@link TckFixture#declaredCapabilities()}) */
  protected boolean has(Capability c) {
    return fixture().declaredCapabilities().contains(c);
  }

  /** @return a record with the given id and alternating keys and values */
  protected static Record rec(String id, Object... kv) {
    Record.Builder b = Record.builder().id(id);
    for (int i = 0; i < kv.length; i += 2) {
      b.put((String) kv[i], kv[i + 1]);
    }
    return b.build();
  }

  /** @return the ids of the records, in order */
  protected static List<String> ids(Collection<Record> records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(r.id()));
    return out;
  }

  /** @return the ids of the records, sorted (for unordered comparisons) */
  protected static Set<String> idSet(Collection<Record> records) {
    return new TreeSet<>(ids(records));
  }

  /** Stores the records with createBatch. */
  protected void store(Record... records) {
    db.createBatch(List.of(records));
  }

  /** @return {@code n} records {@code r0000…}, with {@code n}, {@code mod7}, {@code tag} */
  protected static List<Record> numbered(int n) {
    List<Record> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Record.builder().id(String.format("r%05d", i)).put("n", i).put("mod7", i % 7)
          .put("tag", "t" + (i % 3)).build());
    }
    return out;
  }

  /** @return a map of alternating keys and values, allowing nulls */
  protected static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}

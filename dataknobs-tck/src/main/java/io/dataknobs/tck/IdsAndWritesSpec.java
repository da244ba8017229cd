package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules 1–9: ids and writes. */
public abstract class IdsAndWritesSpec extends TckSpec {

  @Test
  @DisplayName("rule 1: create uses the record id, else the data field id, else a UUID")
  void rule01_createChoosesIds() {
    assertThat(db.create(rec("explicit", "a", 1))).isEqualTo("explicit");
    assertThat(db.create(Record.of(Map.of("id", 42, "a", 2)))).isEqualTo("42");
    assertThat(db.read("42")).get().satisfies(r -> assertThat(r.data()).containsEntry("id", 42L));
    String minted = db.create(Record.of(Map.of("a", 3)));
    assertThat(minted).hasSize(36).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(db.read(minted)).isPresent();
    assertThat(db.count()).isEqualTo(3);
  }

  @Test
  @DisplayName("rule 1: createBatch chooses ids the same way")
  void rule01_createBatchChoosesIds() {
    List<String> ids = db.createBatch(List.of(rec("x", "a", 1), Record.of(Map.of("id", "y")), Record.of(Map.of("a", 2))));
    assertThat(ids.subList(0, 2)).containsExactly("x", "y");
    assertThat(ids.get(2)).hasSize(36);
    assertThat(db.readBatch(ids)).allMatch(Optional::isPresent);
  }

  @Test
  @DisplayName("rule 2: create of an existing id throws DuplicateRecordException and keeps the stored record")
  void rule02_duplicateCreate() {
    db.create(rec("k", "v", "original"));
    Throwable t = catchThrowable(() -> db.create(rec("k", "v", "intruder")));
    assertThat(t).isInstanceOf(DuplicateRecordException.class);
    assertThat(((DuplicateRecordException) t).id()).isEqualTo("k");
    assertThat(t.getMessage()).contains("k");
    assertThat(db.read("k")).get().extracting(r -> r.get("v")).isEqualTo("original");
  }

  @Test
  @DisplayName("rule 2: of 32 concurrent creates of one id exactly one succeeds, round after round")
  void rule02_concurrentCreates() throws Exception {
    int threads = 32;
    // -Ddataknobs.tck.race.rounds=N: 200 by default (the decorated runs, one per stack, take fewer)
    int rounds = Integer.getInteger("dataknobs.tck.race.rounds", 200);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        String id = "race-" + round;
        List<Boolean> outcomes = race(pool, threads, i -> {
          try {
            db.create(rec(id, "writer", (long) i));
            return true;
          } catch (DuplicateRecordException e) {
            return false;
          }
        });
        assertThat(outcomes.stream().filter(b -> b).count()).as("winners of round " + round).isEqualTo(1);
        long writer = (Long) db.read(id).orElseThrow().get("writer");
        assertThat(writer).as("the stored record is the winner's, intact").isBetween(0L, (long) threads - 1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.count()).isEqualTo(rounds);
  }

  /** Runs {@code work} on {@code threads} threads released at once. */
  protected static <T> List<T> race(int threads, java.util.function.IntFunction<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      return race(pool, threads, work);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code work} {@code threads} times on {@code pool} (at least that many threads), released at once. */
  protected static <T> List<T> race(ExecutorService pool, int threads, java.util.function.IntFunction<T> work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int n = i;
      Callable<T> c = () -> {
        start.await();
        return work.apply(n);
      };
      futures.add(pool.submit(c));
    }
    start.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  @DisplayName("rule 3: createBatch colliding with a stored id stores none of the batch")
  void rule03_batchCollisionWithStored() {
    db.create(rec("b2", "v", "stored"));
    List<Record> batch = List.of(rec("b1", "v", 1), rec("b2", "v", 2), rec("b3", "v", 3));
    Throwable t = catchThrowable(() -> db.createBatch(batch));
    assertThat(t).isInstanceOf(DuplicateRecordException.class);
    assertThat(((DuplicateRecordException) t).id()).isEqualTo("b2");
    assertThat(db.exists("b1")).isFalse();
    assertThat(db.exists("b3")).isFalse();
    assertThat(db.read("b2")).get().extracting(r -> r.get("v")).isEqualTo("stored");
    assertThat(db.count()).isEqualTo(1);
  }

  @Test
  @DisplayName("rule 3: createBatch with an id repeated inside the batch stores nothing")
  void rule03_batchCollisionInside() {
    List<Record> batch = List.of(rec("c1", "v", 1), rec("c2", "v", 2), rec("c1", "v", 3));
    Throwable t = catchThrowable(() -> db.createBatch(batch));
    assertThat(t).isInstanceOf(DuplicateRecordException.class);
    assertThat(((DuplicateRecordException) t).id()).isEqualTo("c1");
    assertThat(db.count()).isZero();
  }

  @Test
  @DisplayName("rule 3: createBatch returns ids in input order")
  void rule03_batchIdsInOrder() {
    List<Record> batch = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 999; i >= 0; i--) {
      batch.add(rec("o" + i, "i", i));
      expected.add("o" + i);
    }
    assertThat(db.createBatch(batch)).containsExactlyElementsOf(expected);
    assertThat(db.count()).isEqualTo(1000);
    assertThat(db.createBatch(List.of())).isEmpty();
  }

  @Test
  @DisplayName("rule 4: read, update, delete of an unknown id return empty, false, false")
  void rule04_unknownIds() {
    assertThat(db.read("nope")).isEmpty();
    assertThat(db.update("nope", rec(null, "a", 1))).isFalse();
    assertThat(db.delete("nope")).isFalse();
    assertThat(db.exists("nope")).isFalse();
    assertThat(db.count()).as("update never inserts").isZero();
  }

  @Test
  @DisplayName("rule 4: update replaces data and metadata entirely")
  void rule04_updateReplaces() {
    db.create(Record.builder().id("u").put("a", 1).put("b", 2).metadata("m1", "x").build());
    assertThat(db.update("u", Record.builder().put("c", 3).metadata("m2", "y").build())).isTrue();
    Record r = db.read("u").orElseThrow();
    assertThat(r.data()).containsOnlyKeys("c").containsEntry("c", 3L);
    assertThat(r.metadata()).containsOnlyKeys("m2");
    assertThat(r.id()).isEqualTo("u");
  }

  @Test
  @DisplayName("rule 5: upsert inserts or replaces; the explicit id wins")
  void rule05_upsert() {
    assertThat(db.upsert("u1", rec("ignored", "v", 1))).isEqualTo("u1");
    assertThat(db.exists("ignored")).isFalse();
    assertThat(db.upsert("u1", rec(null, "v", 2))).isEqualTo("u1");
    assertThat(db.read("u1")).get().extracting(r -> r.get("v")).isEqualTo(2L);
    assertThat(db.upsert(Record.of(Map.of("id", 7, "v", 3)))).isEqualTo("7");
    assertThat(db.upsert(rec("own", "v", 4))).isEqualTo("own");
    assertThat(db.count()).isEqualTo(3);
  }

  @Test
  @DisplayName("rule 5: upsertBatch returns one id per input; the last of a repeated id wins")
  void rule05_upsertBatch() {
    db.create(rec("p1", "v", "old"));
    List<String> ids = db.upsertBatch(List.of(rec("p1", "v", "new"), rec("p2", "v", "first"), rec("p2", "v", "last")));
    assertThat(ids).containsExactly("p1", "p2", "p2");
    assertThat(db.read("p1")).get().extracting(r -> r.get("v")).isEqualTo("new");
    assertThat(db.read("p2")).get().extracting(r -> r.get("v")).isEqualTo("last");
    assertThat(db.count()).isEqualTo(2);
  }

  @Test
  @DisplayName("rule 5: upsertBatch with ids repeated across a large batch (engines rewrite batches into one statement)")
  void rule05_upsertBatchRepeatedIdsAtScale() {
    db.create(rec("k3", "v", -1));
    List<Record> batch = new java.util.ArrayList<>();
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batch.add(rec("k" + (i % 7), "v", i));
      expected.add("k" + (i % 7));
    }
    assertThat(db.upsertBatch(batch)).containsExactlyElementsOf(expected);
    assertThat(db.count()).isEqualTo(7);
    for (int k = 0; k < 7; k++) {
      int last = 199 - ((199 - k) % 7);
      assertThat(db.read("k" + k)).as("k%d holds its last upsert", k).get().extracting(r -> r.get("v")).isEqualTo((long) last);
    }
  }

  @Test
  @DisplayName("rule 6: a repeated id in readBatch, updateBatch and deleteBatch is answered per input, in order")
  void rule06_repeatedIdsInBatches() {
    store(rec("a", "v", 1), rec("b", "v", 2));
    List<Optional<Record>> read = db.readBatch(List.of("a", "zz", "a", "b", "a"));
    assertThat(read).extracting(o -> o.map(Record::id).orElse(null)).containsExactly("a", null, "a", "b", "a");
    assertThat(db.updateBatch(List.of(rec("a", "v", 10), rec("a", "v", 11), rec("zz", "v", 0)))).containsExactly(true, true, false);
    assertThat(db.read("a")).get().extracting(r -> r.get("v")).isEqualTo(11L);
    assertThat(db.deleteBatch(List.of("b", "b", "zz", "a"))).containsExactly(true, false, false, true);
    assertThat(db.count()).isZero();
  }

  @Test
  @DisplayName("rule 6: readBatch keeps order with empty for misses; deleteBatch and updateBatch answer per input")
  void rule06_batches() {
    store(rec("a", "v", 1), rec("b", "v", 2), rec("c", "v", 3));
    List<Optional<Record>> read = db.readBatch(List.of("c", "zz", "a"));
    assertThat(read).hasSize(3);
    assertThat(read.get(0)).get().extracting(Record::id).isEqualTo("c");
    assertThat(read.get(1)).isEmpty();
    assertThat(read.get(2)).get().extracting(Record::id).isEqualTo("a");
    assertThat(db.updateBatch(List.of(rec("b", "v", 20), rec("zz", "v", 0)))).containsExactly(true, false);
    Map<String, Record> byId = new LinkedHashMap<>();
    byId.put("nope", rec(null, "v", 0));
    byId.put("c", rec(null, "v", 30));
    assertThat(db.updateBatch(byId)).containsExactly(false, true);
    assertThat(db.read("b")).get().extracting(r -> r.get("v")).isEqualTo(20L);
    assertThat(db.read("c")).get().extracting(r -> r.get("v")).isEqualTo(30L);
    assertThat(db.deleteBatch(List.of("a", "zz", "a"))).containsExactly(true, false, false);
    assertThat(db.count()).isEqualTo(2);
  }

  @Test
  @DisplayName("rule 7: read, search and streamRead return records carrying their storage id")
  void rule07_idsOnResults() {
    db.create(Record.of(Map.of("v", 1)));
    db.create(Record.of(Map.of("id", 5, "v", 2)));
    assertThat(db.search(Query.all())).allSatisfy(r -> assertThat(r.id()).isNotNull());
    try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.defaults())) {
      assertThat(s).allSatisfy(r -> assertThat(r.id()).isNotNull());
    }
    assertThat(db.read("5")).get().extracting(Record::id).isEqualTo("5");
    assertThat(db.search(Query.all().filter("v", Operator.EQ, 1).select("v"))).singleElement()
        .satisfies(r -> assertThat(r.id()).hasSize(36));
  }

  @Test
  @DisplayName("rule 8: version tokens change on every write, also unchanged rewrites and delete + re-create")
  void rule08_versionTokens() {
    assertThat(db.version("v")).isEmpty();
    db.create(rec("v", "a", 1));
    String v1 = db.version("v").orElseThrow();
    db.update("v", rec(null, "a", 1));
    String v2 = db.version("v").orElseThrow();
    db.upsert("v", rec(null, "a", 1));
    String v3 = db.version("v").orElseThrow();
    db.delete("v");
    assertThat(db.version("v")).isEmpty();
    db.create(rec("v", "a", 1));
    String v4 = db.version("v").orElseThrow();
    assertThat(List.of(v1, v2, v3, v4)).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("rule 8: a stale expectedVersion throws ConcurrencyException and changes nothing")
  void rule08_staleVersions() {
    db.create(rec("s", "a", 1));
    String stale = db.version("s").orElseThrow();
    db.update("s", rec(null, "a", 2));
    String current = db.version("s").orElseThrow();
    assertThatThrownBy(() -> db.update("s", rec(null, "a", 3), stale)).isInstanceOf(ConcurrencyException.class);
    assertThatThrownBy(() -> db.upsert("s", rec(null, "a", 3), stale)).isInstanceOf(ConcurrencyException.class);
    assertThatThrownBy(() -> db.delete("s", stale)).isInstanceOf(ConcurrencyException.class);
    assertThat(db.read("s")).get().extracting(r -> r.get("a")).isEqualTo(2L);
    assertThat(db.version("s")).contains(current);
    assertThat(db.update("s", rec(null, "a", 4), current)).isTrue();
    String next = db.version("s").orElseThrow();
    assertThat(db.upsert("s", rec(null, "a", 5), next)).isEqualTo("s");
    assertThat(db.delete("s", db.version("s").orElseThrow())).isTrue();
    assertThat(db.exists("s")).isFalse();
  }

  @Test
  @DisplayName("rule 8: conditional writes to a missing id: update and delete false, upsert throws")
  void rule08_conditionalMissing() {
    assertThat(db.update("gone", rec(null, "a", 1), "any")).isFalse();
    assertThat(db.delete("gone", "any")).isFalse();
    assertThatThrownBy(() -> db.upsert("gone", rec(null, "a", 1), "any")).isInstanceOf(ConcurrencyException.class);
    assertThat(db.count()).isZero();
  }

  @Test
  @DisplayName("rule 8: of concurrent conditional writes with one token exactly one succeeds")
  void rule08_concurrentConditionalWrites() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "cas-" + round;
      db.create(rec(id, "n", 0));
      String token = db.version(id).orElseThrow();
      List<Boolean> outcomes = race(8, i -> {
        try {
          return db.update(id, rec(null, "n", (long) i), token);
        } catch (ConcurrencyException e) {
          return false;
        }
      });
      assertThat(outcomes.stream().filter(b -> b).count()).as("winners of round " + round).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("rule 9: clear returns how many it removed and count is then 0")
  void rule09_clear() {
    db.createBatch(numbered(250));
    assertThat(db.clear()).isEqualTo(250);
    assertThat(db.count()).isZero();
    assertThat(db.clear()).isZero();
    db.create(rec("again", "a", 1));
    assertThat(db.count()).isEqualTo(1);
  }
}

package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.SortOrder;
import io.dataknobs.api.stream.ConflictPolicy;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamError;
import io.dataknobs.api.stream.StreamResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules 22–24: streaming. */
public abstract class StreamingSpec extends TckSpec {

  private static StreamConfig.Builder cfg() {
    return StreamConfig.builder();
  }

  @Test
  @DisplayName("rule 22: streamRead yields what search returns, in order when sorted")
  void rule22_sameAsSearch() {
    db.createBatch(numbered(2500));
    StreamConfig small = cfg().bufferSize(100).batchSize(100).build();
    for (Query q : List.of(Query.all().sort("n", SortOrder.DESC), Query.all().filter("tag", Operator.EQ, "t1").sort("mod7").sort("n"),
        Query.all().sort("n").offset(130).limit(777), Query.all().sort("tag").select("n"))) {
      try (Stream<Record> s = db.streamRead(q, small)) {
        assertThat(s.collect(Collectors.toList())).as(q.toString()).containsExactlyElementsOf(db.search(q));
      }
    }
    try (Stream<Record> s = db.streamRead(Query.all().filter("mod7", Operator.EQ, 3), small)) {
      assertThat(idSet(s.collect(Collectors.toList()))).isEqualTo(idSet(db.search(Query.all().filter("mod7", Operator.EQ, 3))));
    }
    try (Stream<Record> s = db.streamRead(Query.all().limit(0), small)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  @DisplayName("rule 22: closing a stream early releases it; the database stays usable")
  void rule22_earlyClose() {
    db.createBatch(numbered(3000));
    for (int i = 0; i < 20; i++) {
      try (Stream<Record> s = db.streamRead(Query.all().sort("n"), cfg().bufferSize(50).build())) {
        Iterator<Record> it = s.iterator();
        assertThat(it.next().id()).isEqualTo("r00000");
        assertThat(it.next().id()).isEqualTo("r00001");
      }
    }
    db.create(rec("after", "n", -1));
    assertThat(db.count()).isEqualTo(3001);
  }

  @Test
  @DisplayName("rule 23: streamWrite writes in batches of batchSize with exact accounting")
  void rule23_batches() {
    StreamResult r = db.streamWrite(numbered(2050), cfg().batchSize(100).build());
    assertThat(r.successful()).isEqualTo(2050);
    assertThat(r.totalProcessed()).isEqualTo(2050);
    assertThat(r.failed()).isZero();
    assertThat(r.totalBatches()).isEqualTo(21);
    assertThat(r.stopped()).isFalse();
    assertThat(r.throughput()).isPositive();
    assertThat(db.count()).isEqualTo(2050);
    StreamResult fromStream = db.streamWrite(Stream.of(rec("s1", "a", 1), rec("s2", "a", 2)), StreamConfig.defaults());
    assertThat(fromStream.successful()).isEqualTo(2);
  }

  private List<Record> withDuplicates() {
    db.createBatch(List.of(rec("d3", "v", "stored"), rec("d7", "v", "stored")));
    List<Record> input = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      input.add(rec("d" + i, "v", "new"));
    }
    return input;
  }

  @Test
  @DisplayName("rule 23: INSERT reports duplicates as failed, with index and id, and continues when told")
  void rule23_insertFailures() {
    List<Record> input = withDuplicates();
    List<String> seen = new ArrayList<>();
    StreamResult r = db.streamWrite(input, cfg().batchSize(4).onError((e, rec) -> {
      assertThat(e).isInstanceOf(DuplicateRecordException.class);
      seen.add(rec.id());
      return true;
    }).build());
    assertThat(r.successful()).isEqualTo(8);
    assertThat(r.failed()).isEqualTo(2);
    assertThat(r.skipped()).isZero();
    assertThat(r.totalProcessed()).isEqualTo(10);
    assertThat(r.errors()).extracting(StreamError::index).containsExactly(3L, 7L);
    assertThat(r.errors()).extracting(StreamError::id).containsExactly("d3", "d7");
    assertThat(seen).containsExactly("d3", "d7");
    assertThat(db.read("d3")).get().extracting(x -> x.get("v")).isEqualTo("stored");
    assertThat(db.count()).isEqualTo(10);
  }

  @Test
  @DisplayName("rule 23: SKIP counts duplicates as skipped; UPSERT overwrites them")
  void rule23_skipAndUpsert() {
    List<Record> input = withDuplicates();
    StreamResult skip = db.streamWrite(input, cfg().batchSize(3).onConflict(ConflictPolicy.SKIP).build());
    assertThat(skip.successful()).isEqualTo(8);
    assertThat(skip.skipped()).isEqualTo(2);
    assertThat(skip.failed()).isZero();
    assertThat(skip.errors()).isEmpty();
    assertThat(db.read("d7")).get().extracting(x -> x.get("v")).isEqualTo("stored");

    List<Record> update = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      update.add(rec("d" + i, "v", "upserted"));
    }
    StreamResult up = db.streamWrite(update, cfg().batchSize(5).onConflict(ConflictPolicy.UPSERT).build());
    assertThat(up.successful()).isEqualTo(12);
    assertThat(db.count()).isEqualTo(12);
    assertThat(db.search(Query.all())).allSatisfy(x -> assertThat(x.get("v")).isEqualTo("upserted"));
  }

  @Test
  @DisplayName("rule 23: without a handler that returns true the first failure stops the write")
  void rule23_stopOnFirstFailure() {
    List<Record> input = withDuplicates();
    StreamResult r = db.streamWrite(input, cfg().batchSize(2).build());
    assertThat(r.stopped()).isTrue();
    assertThat(r.failed()).isEqualTo(1);
    assertThat(r.successful()).isEqualTo(3);
    assertThat(r.totalProcessed()).isEqualTo(4);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.index()).isEqualTo(3);
      assertThat(e.id()).isEqualTo("d3");
      assertThat(e.message()).contains("d3");
    });
    assertThat(db.exists("d4")).isFalse();
    AtomicInteger calls = new AtomicInteger();
    StreamResult r2 = db.streamWrite(List.of(rec("d7", "v", 1), rec("x", "v", 2)), cfg().onError((e, rec) -> {
      calls.incrementAndGet();
      return false;
    }).build());
    assertThat(calls).hasValue(1);
    assertThat(r2.totalProcessed()).isEqualTo(1);
    assertThat(db.exists("x")).isFalse();
  }

  @Test
  @DisplayName("rule 23: records without ids get one id each, reported on failure")
  void rule23_mintedIds() {
    List<Record> input = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      input.add(Record.of(Map.of("i", i)));
    }
    StreamResult r = db.streamWrite(input, cfg().batchSize(7).parallelism(3).build());
    assertThat(r.successful()).isEqualTo(50);
    assertThat(db.count()).isEqualTo(50);
  }

  @Test
  @DisplayName("rule 24: StreamConfig rejects batchSize <= 0, a negative buffer and timeout <= 0")
  void rule24_configValidation() {
    assertThatThrownBy(() -> cfg().batchSize(0).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> cfg().batchSize(-5).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cfg().bufferSize(-1).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bufferSize");
    assertThatThrownBy(() -> cfg().timeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> cfg().timeout(Duration.ofSeconds(-1)).build()).isInstanceOf(IllegalArgumentException.class);
    assertThat(StreamConfig.defaults().batchSize()).isEqualTo(1000);
    assertThat(cfg().bufferSize(0).timeout(Duration.ofMillis(1)).build().bufferSize()).isZero();
  }
}

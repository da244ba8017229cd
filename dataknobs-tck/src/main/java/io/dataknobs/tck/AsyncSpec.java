package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The asynchronous view gives the same results and honours back-pressure. */
public abstract class AsyncSpec extends TckSpec {

  @Test
  @DisplayName("async: futures complete with the synchronous results and exceptions")
  void asyncOperations() throws Exception {
    AsyncDatabase a = db.async();
    assertThat(a.create(rec("a1", "v", 1)).get(30, TimeUnit.SECONDS)).isEqualTo("a1");
    assertThat(a.createBatch(numbered(100)).get(30, TimeUnit.SECONDS)).hasSize(100);
    assertThat(a.read("a1").get(30, TimeUnit.SECONDS)).isPresent();
    assertThat(a.count(Query.all()).get(30, TimeUnit.SECONDS)).isEqualTo(101L);
    assertThat(a.search(Query.all().filter("n", Operator.LT, 10)).get(30, TimeUnit.SECONDS)).hasSize(10);
    CompletableFuture<String> dup = a.create(rec("a1", "v", 2));
    assertThatThrownBy(() -> dup.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(DuplicateRecordException.class);
    assertThat(a.sync()).isSameAs(db);
  }

  @Test
  @DisplayName("async: streamRead publishes no more than requested and stops on cancel")
  void asyncBackPressure() throws Exception {
    db.createBatch(numbered(500));
    Flow.Publisher<Record> p = db.async().streamRead(Query.all().sort("n"), StreamConfig.builder().bufferSize(20).build());
    List<Record> got = new CopyOnWriteArrayList<>();
    AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
    CountDownLatch five = new CountDownLatch(5);
    CountDownLatch subscribed = new CountDownLatch(1);
    p.subscribe(new Flow.Subscriber<>() {
      public void onSubscribe(Flow.Subscription s) {
        sub.set(s);
        subscribed.countDown();
      }

      public void onNext(Record r) {
        got.add(r);
        five.countDown();
      }

      public void onError(Throwable t) {}

      public void onComplete() {}
    });
    assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(got).as("nothing before demand").isEmpty();
    sub.get().request(5);
    assertThat(five.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(got).hasSize(5);
    assertThat(ids(got)).containsExactly("r00000", "r00001", "r00002", "r00003", "r00004");
    sub.get().cancel();
    sub.get().request(10);
    Thread.sleep(100);
    assertThat(got).hasSize(5);
  }

  @Test
  @DisplayName("async: streamRead delivers everything then completes")
  void asyncComplete() throws Exception {
    db.createBatch(numbered(1234));
    List<Record> got = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    db.async().streamRead(Query.all(), StreamConfig.builder().bufferSize(100).build()).subscribe(new Flow.Subscriber<>() {
      Flow.Subscription s;

      public void onSubscribe(Flow.Subscription s) {
        this.s = s;
        s.request(7);
      }

      public void onNext(Record r) {
        got.add(r);
        if (got.size() % 7 == 0) {
          s.request(7);
        }
      }

      public void onError(Throwable t) {
        done.countDown();
      }

      public void onComplete() {
        done.countDown();
      }
    });
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(got).hasSize(1234);
    assertThat(idSet(got)).hasSize(1234);
  }
}

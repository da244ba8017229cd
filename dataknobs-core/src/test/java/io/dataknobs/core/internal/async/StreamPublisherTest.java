package io.dataknobs.core.internal.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamPublisherTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger pulled = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private StreamPublisher<Integer> publisher(int n) {
    return new StreamPublisher<>(() -> IntStream.range(0, n).boxed().peek(i -> pulled.incrementAndGet())
        .onClose(() -> closed.set(true)), pool);
  }

  private static final class Probe implements Flow.Subscriber<Integer> {
    final List<Integer> items = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(Integer item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
      done.countDown();
    }

    @Override
    public void onComplete() {
      done.countDown();
    }
  }

  @Test
  void pullsOnlyWhatWasRequested() throws Exception {
    Probe p = new Probe();
    publisher(1000).subscribe(p);
    p.subscription.request(3);
    Thread.sleep(100);
    assertThat(p.items).containsExactly(0, 1, 2);
    assertThat(pulled.get()).isLessThanOrEqualTo(4);
    p.subscription.request(Long.MAX_VALUE);
    assertThat(p.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.items).hasSize(1000);
    assertThat(closed).isTrue();
  }

  @Test
  void cancelClosesTheStream() throws Exception {
    Probe p = new Probe();
    publisher(1000).subscribe(p);
    p.subscription.request(2);
    Thread.sleep(50);
    p.subscription.cancel();
    Thread.sleep(100);
    assertThat(closed).isTrue();
    assertThat(p.done.getCount()).as("no terminal signal after cancel").isEqualTo(1);
  }

  @Test
  void nonPositiveRequestSignalsIllegalArgument() throws Exception {
    Probe p = new Probe();
    publisher(10).subscribe(p);
    p.subscription.request(0);
    assertThat(p.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
  }

  @Test
  void sourceFailuresArriveAsOnError() throws Exception {
    Probe p = new Probe();
    new StreamPublisher<Integer>(() -> Stream.of(1, 2).map(i -> {
      if (i == 2) {
        throw new IllegalStateException("cursor lost");
      }
      return i;
    }), pool).subscribe(p);
    p.subscription.request(5);
    assertThat(p.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.items).containsExactly(1);
    assertThat(p.error.get()).hasMessage("cursor lost");
  }
}

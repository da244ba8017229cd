package io.dataknobs.core.internal.async;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link Flow.Publisher} over a lazily opened {@link Stream}, honouring demand: items are
 * pulled from the stream only as subscribers request them, signals are serialized on the
 * executor, and cancellation or completion closes the stream (releasing its cursor). Each
 * subscriber gets its own stream.
 *
 * @param <T> item type
 */
public final class StreamPublisher<T> implements Flow.Publisher<T> {
  private final Supplier<Stream<T>> source;
  private final Executor executor;
  private final Supplier<? extends RuntimeException> unavailable;

  /**
   * @param source opens the stream on first demand
   * @param executor where items are pulled and delivered
   */
  public StreamPublisher(Supplier<Stream<T>> source, Executor executor) {
    this(source, executor, () -> null);
  }

  /**
   * @param source opens the stream on first demand
   * @param executor where items are pulled and delivered
   * @param unavailable asked at each subscription: why the publisher cannot serve now (a closed
   *     database), or null; a reason is signalled with {@code onError} right after
   *     {@code onSubscribe}, without waiting for demand (rules 1.04, 1.09)
   */
  public StreamPublisher(Supplier<Stream<T>> source, Executor executor, Supplier<? extends RuntimeException> unavailable) {
    this.source = Objects.requireNonNull(source, "source");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Subscription<T> s = new Subscription<>(subscriber, source, executor);
    RuntimeException cannot = unavailable.get();
    // hold the drain back until onSubscribe has returned: a request made inside it must not
    // start onNext on a worker while onSubscribe still runs (rule 1.03)
    s.wip.set(1);
    try {
      subscriber.onSubscribe(s);
    } catch (RuntimeException e) {
      s.cancelled = true; // rule 2.13: a subscriber that throws has cancelled
    }
    if (cannot != null) {
      s.failEarly(cannot);
      return;
    }
    if (s.wip.decrementAndGet() != 0) {
      s.start();
    }
  }

  private static final class Subscription<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final Supplier<Stream<T>> source;
    private final Executor executor;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile Throwable invalidRequest;
    private boolean done;
    private Stream<T> stream;
    private Iterator<T> iterator;

    Subscription(Flow.Subscriber<? super T> subscriber, Supplier<Stream<T>> source, Executor executor) {
      this.subscriber = subscriber;
      this.source = source;
      this.executor = executor;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        invalidRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
      } else {
        requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
      }
      schedule();
    }

    @Override
    public void cancel() {
      cancelled = true;
      schedule();
    }

    /** Signals {@code error} once, unless the subscriber cancelled first. */
    void failEarly(RuntimeException error) {
      if (!cancelled && !done) {
        done = true;
        subscriber.onError(error);
      }
    }

    /** Starts a drain on the executor (a refused executor ends the subscription with its error). */
    void start() {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        wip.set(0);
        cancelled = true;
        subscriber.onError(e);
      }
    }

    private void schedule() {
      if (wip.getAndIncrement() == 0) {
        start();
      }
    }

    private void drain() {
      int missed = 1;
      do {
        if (done) {
          return;
        }
        if (cancelled) {
          finish(null, false);
          return;
        }
        if (invalidRequest != null) {
          finish(invalidRequest, true);
          return;
        }
        try {
          if (iterator == null) {
            stream = source.get();
            iterator = stream.iterator();
          }
          long r = requested.get();
          long emitted = 0;
          while (emitted != r) {
            if (cancelled) {
              finish(null, false);
              return;
            }
            if (!iterator.hasNext()) {
              finish(null, true);
              return;
            }
            subscriber.onNext(iterator.next());
            emitted++;
          }
          if (emitted > 0 && r != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
          }
        } catch (RuntimeException e) {
          finish(e, true);
          return;
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void finish(Throwable error, boolean signal) {
      done = true;
      if (stream != null) {
        try {
          stream.close();
        } catch (RuntimeException e) {
          if (error == null) {
            error = e;
          }
        }
      }
      if (signal) {
        if (error != null) {
          subscriber.onError(error);
        } else {
          subscriber.onComplete();
        }
      }
    }
  }
}

package io.dataknobs.core.internal.async;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared, bounded executor of the async adapter. */
public final class AsyncExecutors {
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final int QUEUE = 10_000;

  private AsyncExecutors() {}

  private static final class Holder {
    static final ExecutorService SHARED = create();
  }

  /**
   * @return a daemon pool of {@code max(4, 2 × cores)} threads with a queue of 10,000 tasks;
   *     a task submitted to a full queue is rejected (the future fails) rather than growing
   *     memory without bound
   */
  public static ExecutorService shared() {
    return Holder.SHARED;
  }

  private static ExecutorService create() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "dataknobs-async-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}

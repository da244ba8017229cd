package io.dataknobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the bench's concurrent workloads: item {@code i} of {@code n} goes to thread {@code i % threads}. */
final class OnThreads {
  private OnThreads() {}

  /** One item of work. */
  interface Item {
    void run(int index) throws Exception;
  }

  /**
   * @return the seconds all items took
   * @throws IllegalStateException naming {@code what} if any item failed
   */
  static double run(String what, int threads, int n, Item item) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        done.add(pool.submit(() -> {
          for (int i = first; i < n; i += threads) {
            item.run(i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    return (System.nanoTime() - start) / 1e9;
  }
}

package io.dataknobs.api.internal;

import io.dataknobs.api.Database;
import io.dataknobs.api.Health;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The default {@link Database#health(Duration)}: an {@code exists} of an id no record has, on a daemon thread of its own. */
public final class HealthProbe {
  /** An id every backend accepts and no application picks (a write under it would only make the probe find it). */
  public static final String PROBE_ID = "dataknobs-health-probe-6f1e0c";

  private HealthProbe() {}

  /** Runs the probe; see {@link Database#health(Duration)}. */
  public static Health probe(Database db, Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("health timeout must be positive, got " + timeout);
    }
    String backend = db.backendName();
    if (db.isClosed()) {
      return Health.down(backend, Duration.ZERO, "the database is closed; open it again");
    }
    long start = System.nanoTime();
    // a thread per probe: an engine that never answers must not hold a shared pool's thread
    CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> db.exists(PROBE_ID), r -> {
      Thread t = new Thread(r, "dataknobs-health-" + backend);
      t.setDaemon(true);
      t.start();
    });
    try {
      answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Health.up(backend, Duration.ofNanos(System.nanoTime() - start));
    } catch (TimeoutException e) {
      answer.cancel(true);
      return Health.down(backend, timeout, "no answer within " + timeout.toMillis() + " ms; check that the server is"
          + " reachable and not overloaded");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Health.down(backend, Duration.ofNanos(System.nanoTime() - start), cause.getClass().getSimpleName() + ": "
          + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down(backend, Duration.ofNanos(System.nanoTime() - start), "interrupted while waiting for the probe");
    }
  }
}

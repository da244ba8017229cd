package io.dataknobs.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to {@link Database#health(Duration)}: whether the engine answered a cheap probe
 * within the timeout, how long it took, and what the database knows of its connections.
 *
 * @param status {@link Status#UP} if the probe answered in time, {@link Status#DOWN} otherwise
 * @param backend the backend's canonical name
 * @param latency how long the probe took (the timeout when it did not answer)
 * @param message why it is down (what failed and what the caller can check), or empty when up
 * @param details what the database adds: pool state ({@code pool.active}, {@code pool.idle},
 *     {@code pool.total}, {@code pool.waiting}) where it has a pool; never a secret
 */
public record Health(Status status, String backend, Duration latency, String message, Map<String, Object> details) {
  /** Whether the database answered. */
  public enum Status {
    /** The probe answered within the timeout. */
    UP,
    /** The probe failed, timed out, or the database is closed. */
    DOWN
  }

  /** Checks the components and copies the details. */
  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(latency, "latency");
    message = message == null ? "" : message;
    details = Map.copyOf(details == null ? Map.of() : details);
  }

  /** @return an answer that the engine is up */
  public static Health up(String backend, Duration latency) {
    return new Health(Status.UP, backend, latency, "", Map.of());
  }

  /** @return an answer that the engine is down, saying why */
  public static Health down(String backend, Duration latency, String message) {
    return new Health(Status.DOWN, backend, latency, message, Map.of());
  }

  /** @return true if {@link #status()} is {@link Status#UP} */
  public boolean isUp() {
    return status == Status.UP;
  }

  /** @return this answer with {@code more} added to its details (later keys win) */
  public Health withDetails(Map<String, ?> more) {
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.putAll(more);
    return new Health(status, backend, latency, message, d);
  }

  /** @return one line: {@code UP postgres 3.2 ms {pool.active=1, …}} or {@code DOWN … — why} */
  @Override
  public String toString() {
    String ms = String.format(java.util.Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6);
    return status + " " + backend + " " + ms + (message.isEmpty() ? "" : " - " + message) + (details.isEmpty() ? "" : " " + details);
  }
}

package io.dataknobs.decorator.resilience.bulkhead;

import io.dataknobs.api.Database;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.core.decorator.GuardedDatabase;
import io.dataknobs.decorator.resilience.internal.ResilienceMeters;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.function.Supplier;

/**
 * Lets at most {@code max_concurrent} calls reach the database at once (a Resilience4j
 * semaphore bulkhead); a caller waits up to {@code max_wait} for a slot, then gets a
 * {@link LimitExceededException} naming the limit. Nothing is ever dropped silently.
 */
public final class BulkheadDatabase extends GuardedDatabase implements io.dataknobs.core.metrics.MeterBinding {
  private final Bulkhead bulkhead;
  private final BulkheadSettings settings;

  /**
   * @param delegate the database to protect
   * @param settings the limit
   */
  public BulkheadDatabase(Database delegate, BulkheadSettings settings) {
    this(delegate, settings, null);
  }

  /**
   * @param delegate the database to protect
   * @param settings the limit
   * @param name the database's name: the Resilience4j instance's name and its meters' {@code database} tag (null:
   *     {@code dataknobs-<backend>})
   * @since 1.1
   */
  public BulkheadDatabase(Database delegate, BulkheadSettings settings, String name) {
    super(delegate);
    this.settings = settings;
    this.bulkhead = Bulkhead.of(ResilienceMeters.instanceName(name, delegate.backendName()), BulkheadConfig.custom()
        .maxConcurrentCalls(settings.maxConcurrent()).maxWaitDuration(settings.maxWait()).build(),
        ResilienceMeters.tags(name, delegate.backendName()));
  }

  /** @return slots free right now */
  public int availableConcurrentCalls() {
    return bulkhead.getMetrics().getAvailableConcurrentCalls();
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    try {
      bulkhead.acquirePermission();
    } catch (BulkheadFullException e) {
      throw new LimitExceededException("bulkhead", "bulkhead full: " + settings.maxConcurrent() + " calls already running and none"
          + " finished within max_wait " + settings.maxWait() + "; " + operation + " was not run", e);
    }
    try {
      return call.get();
    } finally {
      bulkhead.onComplete();
    }
  }

  /** {@inheritDoc} Resilience4j's own tagged meters of this decorator's instance. */
  @Override
  public AutoCloseable bindMeters(Object registry, java.util.Map<String, String> tags) {
    return ResilienceMeters.bulkhead(registry, bulkhead);
  }
}

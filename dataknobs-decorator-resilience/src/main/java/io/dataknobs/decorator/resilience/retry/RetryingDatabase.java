package io.dataknobs.decorator.resilience.retry;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.core.decorator.GuardedDatabase;
import io.dataknobs.decorator.resilience.internal.ResilienceMeters;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.function.Supplier;

/**
 * Tries reads again (Resilience4j retry, exponential backoff) when the backend is unavailable.
 * Only calls that cannot write are retried, so no record is ever written twice: a write that
 * failed with a lost connection may have been applied, and trying it again could duplicate it
 * or fail a conditional write it actually made. Duplicate, concurrency and validation errors,
 * and an open circuit breaker, are never retried.
 */
public final class RetryingDatabase extends GuardedDatabase implements io.dataknobs.core.metrics.MeterBinding {
  private final Retry retry;

  /**
   * @param delegate the database to read from
   * @param settings attempts and backoff
   */
  public RetryingDatabase(Database delegate, RetrySettings settings) {
    this(delegate, settings, null);
  }

  /**
   * @param delegate the database to protect
   * @param settings attempts and backoff
   * @param name the database's name: the Resilience4j instance's name and its meters' {@code database} tag (null:
   *     {@code dataknobs-<backend>})
   * @since 1.1
   */
  public RetryingDatabase(Database delegate, RetrySettings settings, String name) {
    super(delegate);
    this.retry = Retry.of(ResilienceMeters.instanceName(name, delegate.backendName()), RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), settings.multiplier()))
        .retryOnException(RetryingDatabase::transient_)
        .build(), ResilienceMeters.tags(name, delegate.backendName()));
  }

  private static boolean transient_(Throwable e) {
    return e instanceof BackendUnavailableException
        && !(e instanceof LimitExceededException && "circuit_breaker".equals(((LimitExceededException) e).limit()));
  }

  /** @return attempts that failed and were tried again, since this database opened */
  public long retriedCalls() {
    return retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt() + retry.getMetrics().getNumberOfFailedCallsWithRetryAttempt();
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    return readOnly ? Retry.decorateSupplier(retry, call).get() : call.get();
  }

  /** {@inheritDoc} Resilience4j's own tagged meters of this decorator's instance. */
  @Override
  public AutoCloseable bindMeters(Object registry, java.util.Map<String, String> tags) {
    return ResilienceMeters.retry(registry, retry);
  }
}

package io.dataknobs.decorator.resilience.retry;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.core.decorator.GuardedDatabase;
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
public final class RetryingDatabase extends GuardedDatabase {
  private final Retry retry;

  /**
   * @param delegate the database to read from
   * @param settings attempts and backoff
   */
  public RetryingDatabase(Database delegate, RetrySettings settings) {
    super(delegate);
    this.retry = Retry.of("dataknobs-" + delegate.backendName(), RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), settings.multiplier()))
        .retryOnException(RetryingDatabase::transient_)
        .build());
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
}

package io.dataknobs.decorator.resilience.circuitbreaker;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.LimitExceededException;
import io.dataknobs.core.decorator.GuardedDatabase;
import io.dataknobs.decorator.resilience.internal.ResilienceMeters;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops calling a backend that keeps failing (a Resilience4j circuit breaker): when the share
 * of {@link BackendUnavailableException}s in the recent window passes the threshold, calls fail
 * at once with a {@link LimitExceededException} until {@code wait_in_open} has passed and trial
 * calls succeed. Only unavailability counts as failure: duplicate, concurrency and validation
 * errors are answers, not outages.
 */
public final class CircuitBreakingDatabase extends GuardedDatabase implements io.dataknobs.core.metrics.MeterBinding {
  private final CircuitBreaker breaker;

  /**
   * @param delegate the database to protect
   * @param settings thresholds and timing
   */
  public CircuitBreakingDatabase(Database delegate, CircuitBreakerSettings settings) {
    this(delegate, settings, null);
  }

  /**
   * @param delegate the database to protect
   * @param settings thresholds and timing
   * @param name the database's name: the Resilience4j instance's name and its meters' {@code database} tag (null:
   *     {@code dataknobs-<backend>})
   * @since 1.1
   */
  public CircuitBreakingDatabase(Database delegate, CircuitBreakerSettings settings, String name) {
    super(delegate);
    this.breaker = CircuitBreaker.of(ResilienceMeters.instanceName(name, delegate.backendName()), CircuitBreakerConfig.custom()
        .failureRateThreshold(settings.failureRateThreshold())
        .slidingWindowSize(settings.slidingWindowSize())
        .minimumNumberOfCalls(settings.minimumCalls())
        .waitDurationInOpenState(settings.waitInOpen())
        .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpen())
        .recordException(e -> e instanceof BackendUnavailableException && !(e instanceof LimitExceededException))
        .build(), ResilienceMeters.tags(name, delegate.backendName()));
  }

  /** @return {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, … */
  public String state() {
    return breaker.getState().name();
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    if (!breaker.tryAcquirePermission()) {
      throw new LimitExceededException("circuit_breaker", "circuit breaker " + breaker.getState() + " after "
          + breaker.getMetrics().getNumberOfFailedCalls() + " failed calls; " + operation + " was not run", null);
    }
    long start = System.nanoTime();
    try {
      T result = call.get();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (RuntimeException | Error e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  /** {@inheritDoc} Resilience4j's own tagged meters of this decorator's instance. */
  @Override
  public AutoCloseable bindMeters(Object registry, java.util.Map<String, String> tags) {
    return ResilienceMeters.circuitBreaker(registry, breaker);
  }
}

package io.dataknobs.decorator.resilience.internal;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.metrics.MetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Resilience4j's own Micrometer publishers ({@code resilience4j.bulkhead.*},
 * {@code resilience4j.ratelimiter.*}, {@code resilience4j.retry.*},
 * {@code resilience4j.circuitbreaker.*}, tagged with the instance's name and tags) over one
 * decorator's instance. Loaded only when the metrics decorator binds a registry, so the
 * decorators run without Micrometer.
 */
public final class ResilienceMeters {
  private ResilienceMeters() {}

  /**
   * The tags of a decorator's Resilience4j instance, so its meters match the metrics decorator's.
   *
   * @param name the database's name, or null
   * @param backend the backend's name
   * @return {@code database} and {@code backend}
   */
  public static Map<String, String> tags(String name, String backend) {
    return Map.of("database", name == null ? backend : name, "backend", backend);
  }

  /** @return the instance name: the database's name, else {@code dataknobs-<backend>} */
  public static String instanceName(String name, String backend) {
    return name == null ? "dataknobs-" + backend : name;
  }

  /** Publishes a bulkhead's meters; the result removes them. */
  public static AutoCloseable bulkhead(Object registry, Bulkhead bulkhead) {
    return publish(new TaggedBulkheadMetricsPublisher((MeterRegistry) registry), bulkhead);
  }

  /** Publishes a rate limiter's meters; the result removes them. */
  public static AutoCloseable rateLimiter(Object registry, RateLimiter limiter) {
    return publish(new TaggedRateLimiterMetricsPublisher((MeterRegistry) registry), limiter);
  }

  /** Publishes a retry's meters; the result removes them. */
  public static AutoCloseable retry(Object registry, Retry retry) {
    return publish(new TaggedRetryMetricsPublisher((MeterRegistry) registry), retry);
  }

  /** Publishes a circuit breaker's meters; the result removes them. */
  public static AutoCloseable circuitBreaker(Object registry, CircuitBreaker breaker) {
    return publish(new TaggedCircuitBreakerMetricsPublisher((MeterRegistry) registry), breaker);
  }

  private static <E> AutoCloseable publish(MetricsPublisher<E> publisher, E instance) {
    publisher.publishMetrics(instance);
    return () -> publisher.removeMetrics(instance);
  }
}

package io.dataknobs.tck;

import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Rule 28: the whole TCK again through each decorator of {@link DecoratorStacks} alone and
 * through all of them stacked. A backend subclasses this once, as it subclasses
 * {@link DatabaseTck}; the decorators must be installed in the factory {@link #open} uses.
 */
public abstract class DecoratedDatabaseTck implements TckFixture {
  /** The TCK with one stack's sections merged into the backend's base configuration. */
  abstract class Stack extends DatabaseTck {
    abstract String stack();

    @Override
    public BackendProvider provider() {
      return DecoratedDatabaseTck.this.provider();
    }

    @Override
    public Database open(String backend, Map<String, Object> config) {
      return DecoratedDatabaseTck.this.open(backend, config);
    }

    @Override
    public Map<String, Object> baseConfig() {
      return DecoratorStacks.with(DecoratedDatabaseTck.this.baseConfig(), stack());
    }
  }

  /** Through the cache. */
  @Nested
  @DisplayName("through cache")
  class Cache extends Stack {
    @Override
    String stack() {
      return "cache";
    }
  }

  /** Through the bulkhead. */
  @Nested
  @DisplayName("through bulkhead")
  class Bulkhead extends Stack {
    @Override
    String stack() {
      return "bulkhead";
    }
  }

  /** Through the rate limiter. */
  @Nested
  @DisplayName("through rate_limit")
  class RateLimit extends Stack {
    @Override
    String stack() {
      return "rate_limit";
    }
  }

  /** Through retry. */
  @Nested
  @DisplayName("through retry")
  class Retry extends Stack {
    @Override
    String stack() {
      return "retry";
    }
  }

  /** Through the circuit breaker. */
  @Nested
  @DisplayName("through circuit_breaker")
  class CircuitBreaker extends Stack {
    @Override
    String stack() {
      return "circuit_breaker";
    }
  }

  /** Through metrics. */
  @Nested
  @DisplayName("through metrics")
  class Metrics extends Stack {
    @Override
    String stack() {
      return "metrics";
    }
  }

  /** Through every decorator at once. */
  @Nested
  @DisplayName("through all decorators stacked")
  class All extends Stack {
    @Override
    String stack() {
      return "all";
    }
  }
}

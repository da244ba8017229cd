package io.dataknobs.spi;

import io.dataknobs.api.Database;

/**
 * Wraps a database with added behaviour (cache, bulkhead, rate limit, retry, circuit
 * breaker, metrics) without changing any observable result. A configuration section named
 * {@link #name()} on a database turns the decorator on; decorators are applied in ascending
 * {@link #order()}, the lowest innermost.
 */
public interface DecoratorProvider {
  /** @return the configuration section that turns this decorator on ({@code cache}) */
  String name();

  /** @return where it sits in the stack: lower is closer to the backend */
  int order();

  /** @return the keys of its configuration section */
  ConfigSpec configSpec();

  /**
   * @param database the database to wrap
   * @param config the validated section
   * @return the wrapping database; closing it closes {@code database}
   */
  Database decorate(Database database, BackendConfig config);
}

package io.dataknobs.spi;

import io.dataknobs.api.Database;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Wraps a database with added behaviour (cache, bulkhead, rate limit, retry, circuit
 * breaker, metrics) without changing any observable result. A configuration section named
 * {@link #name()} on a database turns the decorator on; decorators are applied in ascending
 * {@link #order()}, the lowest innermost.
 *
 * <p>Implemented by decorator authors, called by the factory: a method added here in a minor
 * version comes with a default, so an existing decorator keeps working.
 */
@ConsumerType
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

  /**
   * Settings under which this decorator must change no observable result of a conforming
   * backend (rule 28): the TCK runs every spec through each installed decorator with these
   * settings. Limits must be high enough that a conforming run never meets them.
   *
   * @return the section the TCK configures this decorator with; by default its defaults
   */
  default Map<String, Object> conformanceSettings() {
    return Map.of();
  }
}

package io.dataknobs.spi;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Database;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage engine plugin. Implementations are registered for {@link java.util.ServiceLoader}
 * ({@code META-INF/services}), the module path ({@code provides … with …}) and the OSGi
 * service registry; bnd's {@code @ServiceProvider(BackendProvider.class)} does all three.
 * Implementations must have a public no-argument constructor and be thread-safe.
 */
@ConsumerType
public interface BackendProvider {
  /** @return the canonical name, lower case ({@code memory}, {@code postgres}) */
  String name();

  /** @return other names accepted for this backend ({@code pg}, {@code mem}); case-insensitive */
  default Set<String> aliases() {
    return Set.of();
  }

  /** @return one line describing the backend */
  default String description() {
    return name();
  }

  /** @return the configuration keys the backend accepts */
  ConfigSpec configSpec();

  /**
   * Opens a database. The configuration is validated against {@link #configSpec()} already.
   *
   * @throws io.dataknobs.api.BackendUnavailableException if the engine cannot be reached
   */
  Database open(BackendConfig config);

  /** Opens an asynchronous view; natively asynchronous engines override this. */
  default AsyncDatabase openAsync(BackendConfig config) {
    return open(config).async();
  }
}

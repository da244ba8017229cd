package io.dataknobs.core.metrics;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A layer of a database that has meters of its own and publishes them through the binder its
 * library ships: HikariCP's metrics tracker, Caffeine's cache metrics, Resilience4j's tagged
 * metrics. The {@code metrics} decorator, outermost in the stack, calls {@link #bindMeters} on
 * every layer beneath it that implements this, with the registry it records into.
 *
 * <p>The registry is typed {@code Object} so that core, and a layer whose library is present
 * without Micrometer, need not load Micrometer's classes; it is always a
 * {@code io.micrometer.core.instrument.MeterRegistry}.
 */
@ConsumerType
public interface MeterBinding {
  /**
   * Publishes this layer's meters.
   *
   * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
   * @param tags tags each meter carries ({@code database}, {@code backend}) where the binder takes
   *     tags
   * @return removes the meters again; called when the metrics decorator closes (a meter of a
   *     resource shared with other databases, a connection pool, may stay until the resource closes)
   */
  AutoCloseable bindMeters(Object registry, Map<String, String> tags);
}

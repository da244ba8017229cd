/**
 * The {@code metrics} decorator: per-operation Micrometer timers (with percentiles computed by
 * Micrometer), and the meters of the layers beneath it (pools, caches, limits) bound to the same
 * registry: the one the application gives, or Micrometer's global one.
 */
@Export
@Version("2.0.0")
package io.dataknobs.decorator.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

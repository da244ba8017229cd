/**
 * How the layers of a database (a backend's pool, a cache, a limit) publish their own meters
 * when the {@code metrics} decorator is on, without core or a backend depending on Micrometer.
 */
@Export
@Version("1.0.0")
package io.dataknobs.core.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

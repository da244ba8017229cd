/**
 * The {@code bulkhead} decorator (Resilience4j): caps calls running at once on a database.
 */
@Export
@Version("1.1.0")
package io.dataknobs.decorator.resilience.bulkhead;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

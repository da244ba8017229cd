/**
 * The {@code retry} decorator (Resilience4j): repeats reads that failed with {@code BackendUnavailableException}; never a write.
 */
@Export
@Version("1.1.0")
package io.dataknobs.decorator.resilience.retry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

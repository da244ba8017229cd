/**
 * The {@code rate_limit} decorator (Resilience4j): caps calls started per second.
 */
@Export
@Version("1.1.0")
package io.dataknobs.decorator.resilience.ratelimit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

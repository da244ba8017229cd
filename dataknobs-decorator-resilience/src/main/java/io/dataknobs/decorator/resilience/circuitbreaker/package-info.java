/**
 * The {@code circuit_breaker} decorator (Resilience4j): stops calling a backend whose calls keep failing as unavailable.
 */
@Export
@Version("1.1.0")
package io.dataknobs.decorator.resilience.circuitbreaker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

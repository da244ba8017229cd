/**
 * The {@code metrics} decorator: per-operation counts and latency percentiles, also recorded to a Micrometer {@code MeterRegistry} when one is given (Micrometer is optional).
 */
@Export
@Version("1.0.0")
package io.dataknobs.decorator.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

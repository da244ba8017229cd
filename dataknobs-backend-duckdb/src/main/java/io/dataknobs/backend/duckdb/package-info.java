/**
 * The duckdb backend. Users open it through {@code DatabaseFactory} by name; the provider and the types exported here (settings, connections) are for tools that reach past the API, such as the benchmark's raw baselines.
 */
@Export
@Version("1.0.0")
package io.dataknobs.backend.duckdb;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

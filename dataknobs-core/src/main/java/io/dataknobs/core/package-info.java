/**
 * Opening databases: {@link io.dataknobs.core.DatabaseFactory} (discovery through {@code ServiceLoader} or the OSGi service registry, configuration validation, decorator stacking) and {@link io.dataknobs.core.DataknobsConfig} (YAML files with variable substitution; needs {@code jackson-dataformat-yaml}).
 */
@Export
@Version("1.1.0")
package io.dataknobs.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

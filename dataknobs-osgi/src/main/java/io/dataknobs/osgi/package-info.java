/**
 * Dataknobs in an OSGi container: databases declared in configuration files appear as services.
 * See {@link io.dataknobs.osgi.DatabaseServices} for the PID and the service properties.
 */
@Export
@Version("0.1.0")
package io.dataknobs.osgi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The {@code cache} decorator (Caffeine): a record cache by id and a query-result cache in front of any database; every write through the same database invalidates what it could change, so a cached read is never older than the last write made through it.
 */
@Export
@Version("1.1.0")
package io.dataknobs.decorator.cache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

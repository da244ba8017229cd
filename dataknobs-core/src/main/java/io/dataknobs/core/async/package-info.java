/**
 * Backend kit: {@link io.dataknobs.core.async.AsyncDatabaseAdapter}, the asynchronous view of a blocking {@code Database} (a bounded executor, back-pressured {@code streamRead}). Backends without a native asynchronous client get it from {@code AbstractDatabase.async()}.
 */
@Export
@Version("1.0.0")
package io.dataknobs.core.async;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

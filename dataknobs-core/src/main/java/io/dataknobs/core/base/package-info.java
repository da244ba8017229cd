/**
 * Backend kit: {@link io.dataknobs.core.base.AbstractDatabase}, the base class a backend extends. It implements every {@code Database} method a backend need not specialise (id choice, batch loops, optimistic concurrency checks, search fallback through the reference evaluator, streaming, emulated transactions, the async view, close guards), so a new API method arrives with a working default.
 */
@Export
@Version("1.1.0")
package io.dataknobs.core.base;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

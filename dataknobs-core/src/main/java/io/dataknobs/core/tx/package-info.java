/**
 * Backend kit: {@link io.dataknobs.core.tx.BufferedTransaction}, a transaction that buffers {@link io.dataknobs.core.tx.WriteOp}s and applies them at commit: atomic when the backend applies them under a lock or in one native transaction, the documented {@code EMULATE} policy otherwise.
 */
@Export
@Version("1.1.0")
package io.dataknobs.core.tx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Backend kit: {@link io.dataknobs.core.stream.PagingStreams} (bounded-memory streams over paged or cursor reads) and {@link io.dataknobs.core.stream.StreamWriter} (batched stream writes with conflict policies and record-by-record retry of a failed batch, rule 23).
 */
@Export
@Version("1.0.0")
package io.dataknobs.core.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

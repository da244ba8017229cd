/**
 * Streaming reads and writes: {@link io.dataknobs.api.stream.StreamConfig} (batch size, buffer, conflict policy, error handler) and {@link io.dataknobs.api.stream.StreamResult}.
 */
@Export
@Version("1.0.0")
package io.dataknobs.api.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

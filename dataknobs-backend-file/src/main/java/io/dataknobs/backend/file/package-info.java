/**
 * The file backend: records in a JSON Lines, CSV or Parquet file that other tools read as it is, changes made
 * durable in a journal beside it and folded into the file on close. Users open it through
 * {@code DatabaseFactory} by name ({@code file}); {@link io.dataknobs.backend.file.MalformedFileException}
 * is what a malformed file is reported as.
 */
@Export
@Version("0.1.0")
package io.dataknobs.backend.file;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

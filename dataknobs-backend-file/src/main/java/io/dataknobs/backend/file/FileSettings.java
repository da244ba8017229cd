package io.dataknobs.backend.file;

import java.nio.file.Path;

/**
 * A file database's settings.
 *
 * @param path the JSON Lines file
 * @param readOnly whether nothing may be written (the file and journal are never touched)
 * @param compactBytes the journal is folded into the file once it is larger than this and than the file
 */
record FileSettings(Path path, boolean readOnly, long compactBytes) {}

package io.dataknobs.backend.file;

import java.nio.file.Path;

/**
 * A file database's settings.
 *
 * @param path the file
 * @param format the file's format: how a file of it is opened
 * @param readOnly whether nothing may be written (the file and journal are never touched)
 * @param compactBytes the journal is folded into the file once it is larger than this and holds more entries than the file has records
 */
record FileSettings(Path path, java.util.function.Function<Path, StoredFile> format, boolean readOnly, long compactBytes) {}

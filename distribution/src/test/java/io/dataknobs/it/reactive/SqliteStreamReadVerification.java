package io.dataknobs.it.reactive;

import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import java.nio.file.Files;
import java.util.Map;

/** The Reactive Streams TCK on SQLite (a file, so the stream runs on a pooled reader). */
public class SqliteStreamReadVerification extends StreamReadVerification {
  @Override
  protected Database open() {
    try {
      return DatabaseFactory.standard().open("sqlite", Map.of("path", Files.createTempFile("rs-tck", ".db").toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.dataknobs.it.reactive;

import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import java.util.Map;

/** The Reactive Streams TCK on the memory backend. */
public class MemoryStreamReadVerification extends StreamReadVerification {
  @Override
  protected Database open() {
    return DatabaseFactory.standard().open("memory", Map.of());
  }
}

package io.dataknobs.it.faults;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A large createBatch running on another thread while a test takes its server away. */
final class InFlightBatch {
  private InFlightBatch() {}

  /**
   * @param db the database to write to
   * @param prefix the ids' prefix (ids are the prefix and a five-digit number)
   * @param count how many records
   * @param padding characters of padding per record, so the batch takes a while
   * @return what the batch threw, or null if it finished
   */
  static CompletableFuture<Throwable> start(Database db, String prefix, int count, int padding) {
    List<Record> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(Record.of(String.format("%s%05d", prefix, i), Map.of("pad", "x".repeat(padding))));
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        db.createBatch(batch);
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
  }
}

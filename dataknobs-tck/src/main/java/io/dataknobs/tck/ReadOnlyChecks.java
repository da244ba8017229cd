package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.stream.StreamConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** For backends with a read-only mode: every kind of write is rejected and nothing changes. */
public final class ReadOnlyChecks {
  private ReadOnlyChecks() {}

  /**
   * Tries every write of the API on {@code db} and asserts each throws {@code type}, and that
   * the stored count is unchanged.
   *
   * @param storedId an id that is stored in {@code db}
   */
  public static void assertEveryWriteRejected(Database db, String storedId, Class<? extends Throwable> type) {
    long before = db.count();
    Record r = Record.of("ro-probe", Map.of("v", 2));
    List<Executable> writes = List.of(() -> db.create(r), () -> db.createBatch(List.of(r)), () -> db.update(storedId, r),
        () -> db.update(storedId, r, "1"), () -> db.upsert(r), () -> db.upsert(storedId, r), () -> db.upsert(storedId, r, "1"),
        () -> db.upsertBatch(List.of(r)), () -> db.delete(storedId), () -> db.delete(storedId, "1"),
        () -> db.deleteBatch(List.of(storedId)), () -> db.clear(), () -> db.streamWrite(List.of(r), StreamConfig.defaults()),
        () -> db.beginTransaction(TransactionPolicy.EMULATE), () -> db.updateBatch(List.of(r.withId(storedId))));
    for (Executable w : writes) {
      assertThatThrownBy(w::execute).isInstanceOf(type);
    }
    assertThat(db.count()).isEqualTo(before);
    assertThat(db.read(storedId)).isPresent();
  }
}

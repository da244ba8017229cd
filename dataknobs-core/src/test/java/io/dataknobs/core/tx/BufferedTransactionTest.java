package io.dataknobs.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionException;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.core.MapDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferedTransactionTest {

  @Test
  void emulatedCommitSaysItIsNotAtomicAndHowFarItGot() {
    MapDatabase db = new MapDatabase();
    db.failOn = id -> id.equals("c");
    Transaction tx = db.beginTransaction(TransactionPolicy.EMULATE);
    assertThat(tx.isAtomic()).isFalse();
    tx.create(Record.of("a", Map.of()));
    tx.create(Record.of("b", Map.of()));
    tx.create(Record.of("c", Map.of()));
    assertThatThrownBy(tx::commit).isInstanceOf(TransactionException.class)
        .hasMessageContaining("write 3 of 3").hasMessageContaining("first 2 writes stay applied").hasMessageContaining("not atomic");
    assertThat(db.count()).isEqualTo(2);
    assertThat(tx.isActive()).isFalse();
  }

  @Test
  void conditionalWritesAreCheckedWhenMadeAndAgainAtCommit() {
    MapDatabase db = new MapDatabase();
    db.create(Record.of("x", Map.of("v", 1)));
    String v = db.version("x").orElseThrow();
    Transaction tx = db.beginTransaction(TransactionPolicy.EMULATE);
    assertThatThrownBy(() -> tx.update("x", Record.of(Map.of("v", 2)), "stale")).isInstanceOf(ConcurrencyException.class);
    assertThat(tx.update("x", Record.of(Map.of("v", 2)), v)).isTrue();
    String pending = tx.version("x").orElseThrow();
    assertThat(pending).isNotEqualTo(v);
    assertThat(tx.update("x", Record.of(Map.of("v", 3)), pending)).isTrue();
    db.update("x", Record.of(Map.of("v", 99)));
    assertThatThrownBy(tx::commit).isInstanceOf(TransactionException.class).hasCauseInstanceOf(ConcurrencyException.class);
    assertThat(db.read("x").orElseThrow().get("v")).isEqualTo(99L);
  }
}

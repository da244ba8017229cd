package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionException;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.UnsupportedCapabilityException;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 25: transactions. Each test runs with the native ({@code STRICT}) policy where the
 * backend has {@link Capability#TRANSACTIONS} and checks the {@code EMULATE} fallback on
 * every backend, so no test is skipped.
 */
public abstract class TransactionSpec extends TckSpec {

  private void isolationAndCommit(TransactionPolicy policy) {
    db.create(rec("base", "v", 1));
    try (Transaction tx = db.beginTransaction(policy)) {
      tx.create(rec("new", "v", 2));
      tx.update("base", rec(null, "v", 10));
      tx.createBatch(List.of(rec("b1", "v", 3), rec("b2", "v", 4)));
      assertThat(tx.read("new")).isPresent();
      assertThat(tx.read("base")).get().extracting(r -> r.get("v")).isEqualTo(10L);
      assertThat(tx.count()).isEqualTo(4);
      assertThat(ids(tx.search(Query.all().filter("v", Operator.GTE, 3).sort("v")))).containsExactly("b1", "b2", "base");
      assertThat(db.read("new")).as("invisible outside before commit").isEmpty();
      assertThat(db.read("base")).get().extracting(r -> r.get("v")).isEqualTo(1L);
      assertThat(db.count()).isEqualTo(1);
      tx.commit();
      assertThat(tx.isActive()).isFalse();
    }
    assertThat(db.read("new")).isPresent();
    assertThat(db.read("base")).get().extracting(r -> r.get("v")).isEqualTo(10L);
    assertThat(db.count()).isEqualTo(4);
  }

  private void rollbackPaths(TransactionPolicy policy) {
    db.create(rec("keep", "v", 1));
    Transaction tx = db.beginTransaction(policy);
    tx.create(rec("gone", "v", 2));
    tx.delete("keep");
    assertThat(tx.exists("keep")).isFalse();
    tx.rollback();
    assertThat(db.exists("gone")).isFalse();
    assertThat(db.exists("keep")).isTrue();
    assertThatThrownBy(() -> tx.read("keep")).isInstanceOf(TransactionException.class);

    try (Transaction tx2 = db.beginTransaction(policy)) {
      tx2.create(rec("unclosed", "v", 3));
      tx2.clear();
      assertThat(tx2.count()).isZero();
    }
    assertThat(db.exists("unclosed")).as("close without commit rolls back").isFalse();
    assertThat(db.count()).isEqualTo(1);

    assertThatThrownBy(() -> db.inTransaction(policy, t -> {
      t.create(rec("thrown", "v", 4));
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(db.exists("thrown")).isFalse();
    String id = db.inTransaction(policy, t -> t.create(rec("returned", "v", 5)));
    assertThat(id).isEqualTo("returned");
    assertThat(db.exists("returned")).isTrue();
  }

  @Test
  @DisplayName("rule 25: STRICT transactions isolate writes until commit (or are unsupported)")
  void rule25_strict() {
    if (has(Capability.TRANSACTIONS)) {
      isolationAndCommit(TransactionPolicy.STRICT);
      try (Transaction tx = db.beginTransaction()) {
        assertThat(tx.isAtomic()).isTrue();
        assertThat(tx.policy()).isEqualTo(TransactionPolicy.STRICT);
      }
    } else {
      assertThatThrownBy(db::beginTransaction).isInstanceOf(UnsupportedCapabilityException.class)
          .hasMessageContaining("EMULATE");
      assertThatThrownBy(() -> db.inTransaction(t -> t.create(rec("x", "v", 1))))
          .isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(db.count()).isZero();
    }
  }

  @Test
  @DisplayName("rule 25: rollback, close without commit and exceptions discard all writes")
  void rule25_rollback() {
    rollbackPaths(has(Capability.TRANSACTIONS) ? TransactionPolicy.STRICT : TransactionPolicy.EMULATE);
  }

  @Test
  @DisplayName("rule 25: the EMULATE policy buffers writes and applies them at commit on every backend")
  void rule25_emulate() {
    isolationAndCommit(TransactionPolicy.EMULATE);
    try (Transaction tx = db.beginTransaction(TransactionPolicy.EMULATE)) {
      assertThat(tx.isAtomic()).isEqualTo(has(Capability.TRANSACTIONS));
      assertThatThrownBy(() -> tx.beginTransaction(TransactionPolicy.EMULATE)).isInstanceOf(TransactionException.class);
    }
  }

  @Test
  @DisplayName("rule 25: EMULATE rollback paths")
  void rule25_emulateRollback() {
    rollbackPaths(TransactionPolicy.EMULATE);
  }

  @Test
  @DisplayName("rule 25: a commit conflicting with an outside write fails")
  void rule25_conflict() {
    TransactionPolicy policy = has(Capability.TRANSACTIONS) ? TransactionPolicy.STRICT : TransactionPolicy.EMULATE;
    Transaction tx = db.beginTransaction(policy);
    tx.create(rec("contested", "by", "tx"));
    db.create(rec("contested", "by", "outside"));
    assertThatThrownBy(tx::commit).isInstanceOf(TransactionException.class).hasMessageContaining("contested");
    assertThat(db.read("contested")).get().extracting(r -> r.get("by")).isEqualTo("outside");
    tx.close();
  }

  /** @return the database under test (for subclasses adding backend-specific transaction tests) */
  protected Database database() {
    return db;
  }
}

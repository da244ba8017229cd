package io.dataknobs.core.tx;

import io.dataknobs.api.Capability;
import io.dataknobs.api.ConcurrencyException;
import io.dataknobs.api.Database;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionException;
import io.dataknobs.api.TransactionPolicy;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.core.query.QueryEvaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction that buffers its writes over a base database: reads through it see the
 * buffered writes, others see nothing until {@link #commit()}, which hands the writes to a
 * {@link Committer}. With {@link #sequentialCommit(Database)} (the {@code EMULATE} policy on
 * backends without transactions) the commit is <b>not atomic</b>: writes are applied one by
 * one, and a failure leaves the earlier ones applied. A backend that can apply a list of
 * writes atomically supplies its own committer and gets real transactions.
 *
 * <p>Conditional writes check the version when made and again at commit.
 */
public class BufferedTransaction extends AbstractDatabase implements Transaction {
  private static final Logger LOG = LoggerFactory.getLogger(BufferedTransaction.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /** Applies the buffered writes of a transaction. */
  public interface Committer {
    /**
     * @param ops the writes, in the order they were made
     * @throws RuntimeException if they cannot be applied
     */
    void commit(List<WriteOp> ops);

    /** @return true if {@link #commit} applies all writes or none */
    boolean atomic();
  }

  private enum State { ACTIVE, COMMITTED, ROLLED_BACK }

  private final Database base;
  private final TransactionPolicy policy;
  private final Committer committer;
  /** Buffered state by id; a null value is a deletion. */
  private final Map<String, Record> overlay = new LinkedHashMap<>();
  private final Map<String, String> pendingVersions = new HashMap<>();
  private final List<WriteOp> ops = new ArrayList<>();
  private boolean baseCleared;
  private long writes;
  private volatile State state = State.ACTIVE;

  /**
   * @param base the database the writes go to
   * @param policy the policy it was begun with
   * @param committer how the writes are applied
   */
  public BufferedTransaction(Database base, TransactionPolicy policy, Committer committer) {
    this.base = Objects.requireNonNull(base, "base");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.committer = Objects.requireNonNull(committer, "committer");
    if (!committer.atomic() && WARNED.compareAndSet(false, true)) {
      LOG.info("emulated transactions on '{}' buffer writes and apply them one by one at commit: not atomic",
          base.backendName());
    }
  }

  /** @return a committer that applies writes one by one through {@code db}'s public API (not atomic) */
  public static Committer sequentialCommit(Database db) {
    return new Committer() {
      @Override
      public void commit(List<WriteOp> ops) {
        for (int i = 0; i < ops.size(); i++) {
          try {
            apply(db, ops.get(i));
          } catch (RuntimeException e) {
            throw new TransactionException("emulated commit failed at write " + (i + 1) + " of " + ops.size()
                + " (" + ops.get(i).kind() + " '" + ops.get(i).id() + "'): " + e.getMessage() + "; the first " + i
                + " writes stay applied, since emulated transactions are not atomic", e);
          }
        }
      }

      @Override
      public boolean atomic() {
        return false;
      }
    };
  }

  private static void apply(Database db, WriteOp op) {
    String id = op.id();
    String ev = op.expectedVersion();
    switch (op.kind()) {
      case CREATE:
        db.create(op.record().withId(id));
        break;
      case UPDATE:
        if (!(ev == null ? db.update(id, op.record()) : db.update(id, op.record(), ev))) {
          throw new ConcurrencyException(id, "record '" + id + "' was deleted by someone else");
        }
        break;
      case UPSERT:
        if (ev == null) {
          db.upsert(id, op.record());
        } else {
          db.upsert(id, op.record(), ev);
        }
        break;
      case DELETE:
        if (ev != null) {
          db.delete(id, ev);
        } else {
          db.delete(id);
        }
        break;
      default:
        db.clear();
    }
  }

  @Override
  protected void ensureOpen() {
    if (state != State.ACTIVE) {
      throw new TransactionException("transaction on '" + base.backendName() + "' is "
          + (state == State.COMMITTED ? "committed" : "rolled back") + " and can no longer be used");
    }
    if (base.isClosed()) {
      throw new IllegalStateException("database '" + base.backendName() + "' is closed");
    }
  }

  private String currentVersion(String id) {
    if (overlay.containsKey(id)) {
      return overlay.get(id) == null ? null : pendingVersions.get(id);
    }
    return baseCleared ? null : base.version(id).orElse(null);
  }

  private void checkVersion(String id, String expected) {
    String current = currentVersion(id);
    if (current == null) {
      throw new ConcurrencyException(id, "conditional write to '" + id + "': no record is stored");
    }
    if (!current.equals(expected)) {
      throw new ConcurrencyException(id, "conditional write to '" + id + "': expected version " + expected
          + " but the record is at " + current);
    }
  }

  /** @return the expected version to re-check at commit: only for records read from the base */
  private String baseExpectation(String id, String expected) {
    return expected != null && !overlay.containsKey(id) ? expected : null;
  }

  private void buffer(WriteOp.Kind kind, String id, Record r, String expected) {
    ops.add(new WriteOp(kind, id, r, baseExpectation(id, expected)));
    overlay.put(id, r == null ? null : r.withId(id));
    pendingVersions.put(id, "tx:" + System.identityHashCode(this) + ":" + ++writes);
  }

  @Override
  protected synchronized void doCreate(String id, Record record) {
    if (doRead(id).isPresent()) {
      throw new DuplicateRecordException(id);
    }
    buffer(WriteOp.Kind.CREATE, id, record, null);
  }

  @Override
  protected synchronized void doCreateBatch(List<String> ids, List<Record> records) {
    for (String id : ids) {
      if (doRead(id).isPresent()) {
        throw new DuplicateRecordException(id);
      }
    }
    for (int i = 0; i < ids.size(); i++) {
      buffer(WriteOp.Kind.CREATE, ids.get(i), records.get(i), null);
    }
  }

  @Override
  protected synchronized Optional<Record> doRead(String id) {
    if (overlay.containsKey(id)) {
      return Optional.ofNullable(overlay.get(id));
    }
    return baseCleared ? Optional.empty() : base.read(id);
  }

  @Override
  protected synchronized boolean doUpdate(String id, Record record, String expectedVersion) {
    if (doRead(id).isEmpty()) {
      return false;
    }
    if (expectedVersion != null) {
      checkVersion(id, expectedVersion);
    }
    buffer(WriteOp.Kind.UPDATE, id, record, expectedVersion);
    return true;
  }

  @Override
  protected synchronized void doUpsert(String id, Record record, String expectedVersion) {
    if (expectedVersion != null) {
      checkVersion(id, expectedVersion);
    }
    buffer(WriteOp.Kind.UPSERT, id, record, expectedVersion);
  }

  @Override
  protected synchronized boolean doDelete(String id, String expectedVersion) {
    if (doRead(id).isEmpty()) {
      return false;
    }
    if (expectedVersion != null) {
      checkVersion(id, expectedVersion);
    }
    buffer(WriteOp.Kind.DELETE, id, null, expectedVersion);
    return true;
  }

  @Override
  protected synchronized Optional<String> doVersion(String id) {
    return Optional.ofNullable(currentVersion(id));
  }

  @Override
  protected synchronized List<Record> doSearch(Query query) {
    List<Record> candidates = new ArrayList<>();
    if (!baseCleared) {
      for (Record r : base.search(query.withoutPaging().withoutSort().withoutSelect())) {
        if (!overlay.containsKey(r.id())) {
          candidates.add(r);
        }
      }
    }
    for (Record r : overlay.values()) {
      if (r != null) {
        candidates.add(r);
      }
    }
    return QueryEvaluator.apply(query, candidates);
  }

  @Override
  protected synchronized long doClear() {
    long n = doCount(Query.all());
    overlay.clear();
    pendingVersions.clear();
    baseCleared = true;
    ops.add(new WriteOp(WriteOp.Kind.CLEAR, null, null, null));
    return n;
  }

  @Override
  public Transaction beginTransaction(TransactionPolicy p) {
    ensureOpen();
    throw new TransactionException("nested transactions are not supported");
  }

  @Override
  public synchronized void commit() {
    ensureOpen();
    try {
      committer.commit(List.copyOf(ops));
      state = State.COMMITTED;
    } catch (TransactionException e) {
      state = State.ROLLED_BACK;
      throw e;
    } catch (DataknobsException e) {
      state = State.ROLLED_BACK;
      throw new TransactionException("commit on '" + base.backendName() + "' failed: " + e.getMessage(), e);
    } finally {
      ops.clear();
      overlay.clear();
    }
  }

  @Override
  public synchronized void rollback() {
    if (state == State.ACTIVE) {
      state = State.ROLLED_BACK;
      ops.clear();
      overlay.clear();
    }
  }

  @Override
  protected void doClose() {
    rollback();
  }

  @Override
  public TransactionPolicy policy() {
    return policy;
  }

  @Override
  public boolean isAtomic() {
    return committer.atomic();
  }

  @Override
  public boolean isActive() {
    return state == State.ACTIVE;
  }

  @Override
  public Set<Capability> capabilities() {
    return base.capabilities();
  }

  @Override
  public String backendName() {
    return base.backendName();
  }
}

package io.dataknobs.core.decorator;

import io.dataknobs.api.Transaction;
import io.dataknobs.api.TransactionPolicy;

/** A transaction that passes every call to another one, for decorators that act on commit. */
public class ForwardingTransaction extends ForwardingDatabase implements Transaction {
  private final Transaction tx;

  /** @param tx the transaction every call goes to */
  protected ForwardingTransaction(Transaction tx) {
    super(tx);
    this.tx = tx;
  }

  @Override
  public void commit() {
    tx.commit();
  }

  @Override
  public void rollback() {
    tx.rollback();
  }

  @Override
  public TransactionPolicy policy() {
    return tx.policy();
  }

  @Override
  public boolean isAtomic() {
    return tx.isAtomic();
  }

  @Override
  public boolean isActive() {
    return tx.isActive();
  }

  @Override
  public void close() {
    tx.close();
  }
}

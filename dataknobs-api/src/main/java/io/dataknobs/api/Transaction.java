package io.dataknobs.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A unit of work. Writes made through it are visible to reads through it and invisible
 * to others until {@link #commit()}; {@link #rollback()}, or {@link #close()} without commit,
 * discards them all. After commit or rollback the transaction is ended and further
 * operations throw {@link TransactionException}. Nested transactions are not supported.
 */
@ProviderType
public interface Transaction extends Database {

  /** Makes the writes permanent. @throws TransactionException if the commit fails */
  void commit();

  /** Discards the writes. */
  void rollback();

  /** @return the policy the transaction was begun with */
  TransactionPolicy policy();

  /**
   * @return true if commit applies all writes atomically (native transactions); false for
   *     an emulated transaction, whose commit applies writes one by one
   */
  boolean isAtomic();

  /** @return true until commit, rollback or close */
  boolean isActive();

  /** Rolls back unless committed. */
  @Override
  void close();
}

package io.dataknobs.api;

/** How {@link Database#beginTransaction(TransactionPolicy)} behaves. */
public enum TransactionPolicy {
  /**
   * A native, atomic transaction. A backend without {@link Capability#TRANSACTIONS} throws
   * {@link UnsupportedCapabilityException}.
   */
  STRICT,
  /**
   * Native where available; otherwise writes are buffered in the transaction (visible to
   * reads through it) and applied one by one at commit. An emulated commit is <b>not
   * atomic</b>: if a write fails part way, the earlier ones stay applied and the commit
   * throws {@link TransactionException} saying how many were applied.
   */
  EMULATE
}

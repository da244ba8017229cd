package io.dataknobs.core.pool;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A holder's share of a pool. Closing the lease (once; later calls do nothing) gives the share
 * back; the pool closes when the last lease of it closes.
 *
 * @param <P> the pool type
 */
@ProviderType
public interface PoolLease<P> extends AutoCloseable {
  /** @return the shared pool */
  P pool();

  /** @return a snapshot of the pool's state */
  PoolInfo info();

  /** Gives the share back. */
  @Override
  void close();
}

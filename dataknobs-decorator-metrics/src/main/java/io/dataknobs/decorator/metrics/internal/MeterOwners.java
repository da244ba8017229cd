package io.dataknobs.decorator.metrics.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which open database owns the meters of one (registry, tags): a database reopened with a new
 * configuration opens its successor before the old instance closes (calls in flight finish on
 * it), and both would share meter ids. The newest takes the meters over; the old one, closing,
 * removes nothing it no longer owns.
 */
public final class MeterOwners {
  private record Key(MeterRegistry registry, Tags tags) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.registry == registry && k.tags.equals(tags);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(registry) * 31 + tags.hashCode();
    }
  }

  private static final ConcurrentHashMap<Key, AutoCloseable> OWNERS = new ConcurrentHashMap<>();

  private MeterOwners() {}

  /**
   * Makes {@code owner} the owner of the meters of ({@code registry}, {@code tags}).
   *
   * @return the previous owner, whose meters the caller removes before registering its own, or null
   */
  public static AutoCloseable take(MeterRegistry registry, Tags tags, AutoCloseable owner) {
    return OWNERS.put(new Key(registry, tags), owner);
  }

  /** @return true if {@code owner} still owned the meters (and now no longer does) */
  public static boolean release(MeterRegistry registry, Tags tags, AutoCloseable owner) {
    return OWNERS.remove(new Key(registry, tags), owner);
  }
}

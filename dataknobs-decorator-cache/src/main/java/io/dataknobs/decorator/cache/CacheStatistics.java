package io.dataknobs.decorator.cache;

/**
 * Counters of one cache since the database opened.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that went to the backend
 * @param evictions entries dropped for size or age
 * @param size entries held now (approximate)
 */
public record CacheStatistics(long hits, long misses, long evictions, long size) {
  /** @return hits over lookups, 0 when there were none */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}

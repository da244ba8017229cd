package io.dataknobs.decorator.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Map;

/** Micrometer's Caffeine binder over the caches of one {@link CachingDatabase}; loaded only when a registry is bound. */
final class CacheMeters {
  private CacheMeters() {}

  static AutoCloseable bind(Object registry, Map<String, String> tags, Map<String, Cache<?, ?>> caches) {
    MeterRegistry r = (MeterRegistry) registry;
    Tags base = Tags.empty();
    for (Map.Entry<String, String> t : tags.entrySet()) {
      base = base.and(t.getKey(), t.getValue());
    }
    for (Map.Entry<String, Cache<?, ?>> c : caches.entrySet()) {
      new CaffeineCacheMetrics<>(c.getValue(), c.getKey(), base).bindTo(r);
    }
    Tags all = base;
    return () -> caches.keySet().forEach(name -> Search.in(r).name(n -> n.startsWith("cache.")).tags(all).tag("cache", name)
        .meters().forEach(r::remove));
  }
}

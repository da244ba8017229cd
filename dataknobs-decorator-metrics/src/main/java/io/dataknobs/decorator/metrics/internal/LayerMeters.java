package io.dataknobs.decorator.metrics.internal;

import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.ForwardingDatabase;
import io.dataknobs.core.metrics.MeterBinding;
import io.dataknobs.core.pool.PoolInfo;
import io.dataknobs.core.pool.Pooled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of the layers beneath the metrics decorator: each {@link MeterBinding} layer binds
 * its library's own (HikariCP, Caffeine, Resilience4j), each {@link Pooled} one gets
 * {@code dataknobs.pool.*} gauges. {@link #close()} removes them.
 */
public final class LayerMeters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LayerMeters.class);

  private final MeterRegistry registry;
  private final List<AutoCloseable> bindings = new ArrayList<>();
  private final List<Meter> gauges = new ArrayList<>();

  private LayerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Binds every layer of the stack under {@code top}.
   *
   * @param registry where the meters go
   * @param top the database just beneath the metrics decorator
   * @param tags the database's tags ({@code database}, {@code backend})
   * @return what to close to remove them
   */
  public static LayerMeters bind(MeterRegistry registry, Database top, Tags tags) {
    LayerMeters m = new LayerMeters(registry);
    Map<String, String> tagMap = new LinkedHashMap<>();
    for (Tag t : tags) {
      tagMap.put(t.getKey(), t.getValue());
    }
    for (Database d = top; d != null; d = d instanceof ForwardingDatabase f ? f.delegate() : null) {
      if (d instanceof MeterBinding b) {
        try {
          m.bindings.add(b.bindMeters(registry, Map.copyOf(tagMap)));
        } catch (RuntimeException | LinkageError e) {
          // a layer whose bundle cannot see Micrometer: the rest is still measured
          LOG.warn("meters of {} not bound: {}", d.getClass().getSimpleName(), e.toString());
        }
      }
      if (d instanceof Pooled p) {
        m.poolGauges(p, tags);
      }
    }
    return m;
  }

  private void poolGauges(Pooled p, Tags tags) {
    gauge("dataknobs.pool.connections", p, tags.and("state", "active"), PoolInfo::active, "connections in use");
    gauge("dataknobs.pool.connections", p, tags.and("state", "idle"), PoolInfo::idle, "connections ready");
    gauge("dataknobs.pool.connections.pending", p, tags, PoolInfo::waiting, "threads waiting for a connection");
  }

  private void gauge(String name, Pooled p, Tags tags, ToIntFunction<PoolInfo> value, String description) {
    gauges.add(Gauge.builder(name, p, x -> sum(x.pools(), value)).tags(tags).description(description).register(registry));
  }

  private static double sum(List<PoolInfo> pools, ToIntFunction<PoolInfo> value) {
    int total = 0;
    for (PoolInfo i : pools) {
      int v = value.applyAsInt(i);
      if (v < 0) {
        return Double.NaN; // the pool does not know
      }
      total += v;
    }
    return total;
  }

  @Override
  public void close() {
    gauges.forEach(registry::remove);
    for (AutoCloseable b : bindings) {
      try {
        b.close();
      } catch (Exception e) {
        LOG.debug("removing a layer's meters failed: {}", e.toString());
      }
    }
  }
}

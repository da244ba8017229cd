package io.dataknobs.decorator.metrics;

import io.dataknobs.api.Database;
import io.dataknobs.core.decorator.GuardedDatabase;
import io.dataknobs.decorator.metrics.internal.LayerMeters;
import io.dataknobs.decorator.metrics.internal.MeterOwners;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The guide's performance monitor as a decorator, on Micrometer. Every call is recorded to the
 * timer {@value #OPERATION_TIMER} tagged {@code database}, {@code backend}, {@code operation} and
 * {@code outcome} ({@code success} or the exception's simple name), with the configured
 * percentiles computed by Micrometer. When it opens it also binds, to the same registry, the
 * meters of the layers beneath it: the pool ({@code hikaricp.*} through HikariCP's tracker,
 * {@code dataknobs.pool.*} for the reader pools of SQLite and DuckDB and the HTTP clients), the
 * caches ({@code cache.*} through Caffeine's binder) and the limits ({@code resilience4j.*}
 * through Resilience4j's), and the gauge {@value #HEALTH_GAUGE} (1 when
 * {@link Database#health} is up, 0 when down). Closing it removes its meters.
 *
 * <p>{@link #snapshot()} and {@link #report()} read the same timers; when the target keeps
 * nothing (Micrometer's global registry before a registry is added to it) the timers are also
 * kept in a registry of this database's own, so the report still works.
 */
public final class MetricsDatabase extends GuardedDatabase {
  /** The per-operation timer. */
  public static final String OPERATION_TIMER = "dataknobs.operation";
  /** The gauge that is 1 while the engine answers its health probe and 0 when it does not. */
  public static final String HEALTH_GAUGE = "dataknobs.health";

  private static final String SUCCESS = "success";

  private final MeterRegistry target;
  /** Where the timers are registered: the target, or beside it a registry of this database's own when the target keeps nothing. */
  private final MeterRegistry timed;
  private final MetricsSettings settings;
  private final Tags tags;
  private final double[] percentiles;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final List<String> order = new CopyOnWriteArrayList<>();
  private final Meters meters = new Meters();

  /**
   * @param delegate the database to measure
   * @param registry where the meters go (Micrometer's global one when the application gives none)
   * @param settings tags, percentiles, histogram, health timeout
   */
  public MetricsDatabase(Database delegate, MeterRegistry registry, MetricsSettings settings) {
    super(delegate);
    this.target = registry;
    this.settings = settings;
    this.tags = Tags.of("database", settings.name() == null ? delegate.backendName() : settings.name(), "backend",
        delegate.backendName());
    this.percentiles = settings.percentiles().stream().mapToDouble(Double::doubleValue).toArray();
    this.timed = keepsNothing(registry) ? new CompositeMeterRegistry().add(new SimpleMeterRegistry()).add(registry) : registry;
    AutoCloseable previous = MeterOwners.take(target, tags, meters);
    if (previous != null) {
      close(previous);
    }
    meters.bind();
  }

  /** @return the tags every meter of this database carries ({@code database}, {@code backend}) */
  public Tags tags() {
    return tags;
  }

  @Override
  protected <T> T guard(String operation, boolean readOnly, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = SUCCESS;
    try {
      return call.get();
    } catch (RuntimeException | Error e) {
      outcome = e.getClass().getSimpleName();
      throw e;
    } finally {
      timer(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Timer timer(String operation, String outcome) {
    return timers.computeIfAbsent(operation + '\u0000' + outcome, k -> {
      if (!order.contains(operation)) {
        order.add(operation);
      }
      return Timer.builder(OPERATION_TIMER).description("calls of one Database method").tags(tags).tag("operation", operation)
          .tag("outcome", outcome).publishPercentiles(percentiles).publishPercentileHistogram(settings.histogram()).register(timed);
    });
  }

  /** @return every operation's metrics now, in the order the operations were first called */
  public MetricsSnapshot snapshot() {
    List<OperationMetrics> out = new ArrayList<>();
    for (String op : order) {
      out.add(OperationSnapshot.of(op, timed.find(OPERATION_TIMER).tags(tags).tag("operation", op).timers(), SUCCESS));
    }
    return new MetricsSnapshot(out);
  }

  /** @return {@link #snapshot()} as a text table */
  public String report() {
    return snapshot().report();
  }

  @Override
  public void close() {
    try {
      if (MeterOwners.release(target, tags, meters)) {
        close(meters);
      }
    } finally {
      super.close();
    }
  }

  /** Micrometer's global registry before any registry is added to it: its meters record nothing. */
  private static boolean keepsNothing(MeterRegistry r) {
    return r instanceof CompositeMeterRegistry c && c.getRegistries().isEmpty();
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // removing meters does not fail in Micrometer's registries; nothing else to do
    }
  }

  /** The meters this database registered in the target registry, removable as one. */
  private final class Meters implements AutoCloseable {
    private LayerMeters layers;
    private Meter health;

    void bind() {
      layers = LayerMeters.bind(target, delegate(), tags);
      health = Gauge.builder(HEALTH_GAUGE, MetricsDatabase.this, d -> d.delegate().health(settings.healthTimeout()).isUp() ? 1 : 0)
          .tags(tags).description("1 while the engine answers its health probe, 0 when it does not").register(target);
    }

    @Override
    public void close() {
      target.remove(health);
      target.find(OPERATION_TIMER).tags(tags).meters().forEach(target::remove);
      layers.close();
    }
  }
}

package io.dataknobs.decorator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Records each call to the timer {@code dataknobs.operation} (tags: backend, operation, outcome). Loaded only with a registry. */
public final class MicrometerListener implements MetricsDatabase.CallListener {
  private final MeterRegistry registry;
  private final String backend;

  /**
   * @param registry where the timers live
   * @param backend the backend's name, as a tag
   */
  public MicrometerListener(MeterRegistry registry, String backend) {
    this.registry = registry;
    this.backend = backend;
  }

  @Override
  public void called(String operation, long nanos, Throwable failure) {
    Timer.builder("dataknobs.operation").tag("backend", backend).tag("operation", operation)
        .tag("outcome", failure == null ? "success" : failure.getClass().getSimpleName())
        .publishPercentiles(0.5, 0.95, 0.99).register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }
}

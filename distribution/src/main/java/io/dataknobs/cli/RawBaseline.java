package io.dataknobs.cli;

import io.dataknobs.api.Record;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The same bulk work as the API rows, done without Dataknobs (the raw driver or data
 * structure), so the bench can print the API's overhead as a ratio. Rows are named
 * {@code raw:…}.
 */
interface RawBaseline {
  /**
   * @param data the records the API rows wrote
   * @return the measured rows
   */
  List<BenchRow> run(List<Record> data);

  /** Baselines by canonical backend name; backends without one print no ratio. */
  Map<String, Supplier<RawBaseline>> REGISTRY = Map.of("memory", MemoryRawBaseline::new, "sqlite", SqliteRawBaseline::new,
      "duckdb", DuckDbRawBaseline::new);

  static Optional<RawBaseline> forBackend(String backend) {
    return Optional.ofNullable(REGISTRY.get(backend)).map(Supplier::get);
  }
}

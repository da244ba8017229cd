package io.dataknobs.cli;

import io.dataknobs.api.Record;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import io.dataknobs.api.Database;

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

  /**
   * Rows measured while the API rows' records are still stored (the backend's own and their
   * raw counterparts, linked through {@link BenchRow#baseline()}); none by default.
   *
   * @param db the database under test, holding {@code data}
   * @param data the stored records
   */
  default List<BenchRow> whileStored(Database db, List<Record> data) {
    return List.of();
  }

  /**
   * Queries pushed down through the API beside their hand-written SQL over the same table (see
   * {@link PushDownBench}); by default the API rows alone.
   *
   * @param db the database under test, holding the bench's records
   * @param data those records
   * @param searches how many limited searches the API row ran
   */
  default List<BenchRow> pushDown(Database db, List<Record> data, int searches) {
    try {
      return new PushDownBench().run(db, null, null);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code n} single writes of {@code data} without Dataknobs: {@code raw:create}, the row the
   * API's {@code create} is judged against, and any others worth reading beside it; none when
   * the baseline has no single writes.
   */
  default List<BenchRow> singleCreates(List<Record> data, int n) {
    return List.of();
  }

  /**
   * The same bulk write in batches of {@code batch}, measured right after the API row of that
   * batch size so both meet the engine (and a server's warm-up) in the same state; named
   * {@code raw:…(batch)}.
   *
   * @return the row, or null when the baseline has no batched form
   */
  default BenchRow sameBatches(List<Record> data, int batch) {
    return null;
  }

  /** Baselines by canonical backend name, given the backend's configuration; backends without one print no ratio. */
  Map<String, Function<Map<String, Object>, RawBaseline>> REGISTRY = Map.of("memory", c -> new MemoryRawBaseline(),
      "sqlite", SqliteRawBaseline::new, "duckdb", DuckDbRawBaseline::new, "postgres", PostgresRawBaseline::new, "s3", S3RawBaseline::new,
      "elasticsearch", ElasticsearchRawBaseline::new);

  /** @return the entries of {@code settings} that {@code spec} accepts (decorator sections and the like dropped) */
  static Map<String, Object> backendKeys(Map<String, Object> settings, io.dataknobs.spi.ConfigSpec spec) {
    List<String> accepted = spec.acceptedNames();
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (accepted.contains(k) || accepted.stream().anyMatch(a -> a.startsWith(k + "."))) {
        out.put(k, v);
      }
    });
    return out;
  }

  static Optional<RawBaseline> forBackend(String backend, Map<String, Object> config) {
    return Optional.ofNullable(REGISTRY.get(backend)).map(f -> f.apply(config));
  }
}

package io.dataknobs.tck;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance suite. A backend runs it by subclassing and implementing
 * {@link TckFixture}:
 *
 * <pre>{@code
 * class MemoryTckTest extends DatabaseTck {
 *   public BackendProvider provider() { return new MemoryBackendProvider(); }
 *   public Database open(String backend, Map<String, Object> config) {
 *     return DatabaseFactory.standard().open(backend, config);
 *   }
 *   public Map<String, Object> baseConfig() { return Map.of(); }
 * }
 * }</pre>
 *
 * Each group of rules of {@code CONFORMANCE.md} is a nested class; a backend may also extend
 * any single spec ({@link QuerySpec}, …) on its own.
 */
public abstract class DatabaseTck implements TckFixture {

  /** Rules 1–9. */
  @Nested
  @DisplayName("rules 1-9: ids and writes")
  class IdsAndWrites extends IdsAndWritesSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rules 10–11. */
  @Nested
  @DisplayName("rules 10-11: values")
  class Values extends ValuesSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rules 12–20. */
  @Nested
  @DisplayName("rules 12-20: queries")
  class Queries extends QuerySpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rule 21. */
  @Nested
  @DisplayName("rule 21: aggregations")
  class Aggregations extends AggregationSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rules 22–24. */
  @Nested
  @DisplayName("rules 22-24: streaming")
  class Streaming extends StreamingSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rule 25. */
  @Nested
  @DisplayName("rule 25: transactions")
  class Transactions extends TransactionSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rules 12–22 against the reference evaluator, on drawn data and queries. */
  @Nested
  @DisplayName("rules 12-22: differential fuzz against the reference evaluator")
  class Differential extends DifferentialSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** Rules 26–27, 29 and 30. */
  @Nested
  @DisplayName("rules 26-27, 29-31: configuration, lifecycle, capabilities, failures, health")
  class Lifecycle extends LifecycleSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }

  /** The asynchronous view. */
  @Nested
  @DisplayName("async view")
  class Async extends AsyncSpec {
    @Override
    protected TckFixture fixture() {
      return DatabaseTck.this;
    }
  }
}

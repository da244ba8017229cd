package io.dataknobs.tck;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 28: the whole TCK again through each decorator found on the test class path alone and
 * through all of them stacked ({@link DecoratorStacks}). A backend subclasses this once, as it
 * subclasses {@link DatabaseTck}, with the decorator artifacts as test dependencies; the
 * factory that {@link #open} uses must see the same decorators.
 */
public abstract class DecoratedDatabaseTck implements TckFixture {
  /** The TCK with one stack's sections merged into the backend's base configuration. */
  @Nested
  @ParameterizedClass(name = "rule 28: through {0}")
  @MethodSource("io.dataknobs.tck.DecoratorStacks#names")
  class Through extends DatabaseTck {
    @Parameter
    String stack;

    @Override
    public BackendProvider provider() {
      return DecoratedDatabaseTck.this.provider();
    }

    @Override
    public Database open(String backend, Map<String, Object> config) {
      return DecoratedDatabaseTck.this.open(backend, config);
    }

    @Override
    public Set<Capability> declaredCapabilities() {
      return DecoratedDatabaseTck.this.declaredCapabilities();
    }

    @Override
    public Map<String, Object> baseConfig() {
      return DecoratorStacks.with(DecoratedDatabaseTck.this.baseConfig(), stack);
    }
  }
}

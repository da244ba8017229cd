package io.dataknobs.core.decorator;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.config.ConfigValidator;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.DecoratorProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/**
 * Stacks decorators on a database in code, in the order their providers give
 * ({@link DecoratorProvider#order()}, lowest innermost), whatever order the builder's methods
 * are called in. Configuration ({@code DatabaseFactory.open}) stacks through the same builder,
 * so code and configuration always build the same stack.
 *
 * <p>The decorators that ship as bundles of their own, from the backend outwards:
 * {@code bulkhead} (100), {@code rate_limit} (200), {@code circuit_breaker} (300),
 * {@code retry} (400), {@code cache} (500), {@code metrics} (600).
 *
 * <pre>{@code
 * Database db = Decorators.of(backend)
 *     .with("cache", Map.of("records", Map.of("max_size", 10_000)))
 *     .with("bulkhead", Map.of("max_concurrent", 8))
 *     .build();
 * }</pre>
 *
 * A decorator can also be added as a layer built in code (typed settings of a decorator
 * bundle): {@code .layer(CacheDecoratorProvider.ORDER, d -> new CachingDatabase(d, settings))}.
 */
public final class Decorators {
  /**
   * The artifact that provides each decorator the project ships, so that a configuration
   * naming one that is not installed fails with the artifact to add.
   */
  private static final Map<String, String> SHIPPED = Map.of(
      "cache", "io.dataknobs:dataknobs-decorator-cache",
      "bulkhead", "io.dataknobs:dataknobs-decorator-resilience",
      "rate_limit", "io.dataknobs:dataknobs-decorator-resilience",
      "retry", "io.dataknobs:dataknobs-decorator-resilience",
      "circuit_breaker", "io.dataknobs:dataknobs-decorator-resilience",
      "metrics", "io.dataknobs:dataknobs-decorator-metrics");

  private Decorators() {}

  /** @return a builder over the decorators {@link ServiceLoader} finds beside core */
  public static Builder of(Database database) {
    List<DecoratorProvider> found = new ArrayList<>();
    ServiceLoader.load(DecoratorProvider.class, Decorators.class.getClassLoader()).forEach(found::add);
    return new Builder(database, found);
  }

  /** @return a builder over the given decorators */
  public static Builder of(Database database, Collection<? extends DecoratorProvider> providers) {
    return new Builder(database, List.copyOf(providers));
  }

  /**
   * @return the artifact ({@code groupId:artifactId}) that provides the decorator section
   *     {@code name}, if it is one the project ships
   */
  public static Optional<String> artifactFor(String name) {
    return Optional.ofNullable(SHIPPED.get(name));
  }

  /**
   * @return a {@link ConfigurationException} for section {@code name} whose decorator is not
   *     among {@code installed}, naming the artifact that provides it
   */
  public static ConfigurationException notInstalled(String name, Collection<String> installed) {
    return new ConfigurationException(name, "decorator section '" + name + "' is configured but its decorator is not installed;"
        + " add " + artifactFor(name).orElse("the bundle that provides it") + " to the class path, module path or container"
        + " (installed decorators: " + (installed.isEmpty() ? "none" : String.join(", ", installed)) + ")");
  }

  /**
   * Validates a decorator section: {@code true} or a map turns it on (a map is checked against
   * the provider's {@link DecoratorProvider#configSpec()}), {@code null} or {@code false} turns
   * it off.
   *
   * @return the validated settings, or empty when the section turns the decorator off
   * @throws ConfigurationException naming the section or its offending key
   */
  public static Optional<BackendConfig> settings(DecoratorProvider provider, Object section) {
    if (section == null || Boolean.FALSE.equals(section) || "false".equals(section)) {
      return Optional.empty();
    }
    Map<String, ?> raw;
    if (Boolean.TRUE.equals(section) || "true".equals(section)) {
      raw = Map.of();
    } else if (section instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      raw = typed;
    } else {
      throw new ConfigurationException(provider.name(), "decorator section '" + provider.name()
          + "' expects a map of settings or true/false, got " + section);
    }
    return Optional.of(ConfigValidator.validate(provider.name(), provider.configSpec(), raw));
  }

  /** Collects decorators; {@link #build()} applies them innermost first. */
  public static final class Builder {
    private record Layer(int order, UnaryOperator<Database> wrap) {}

    private final Database database;
    private final List<DecoratorProvider> providers;
    private final List<Layer> layers = new ArrayList<>();
    private List<?> services = List.of();

    private Builder(Database database, List<DecoratorProvider> providers) {
      this.database = Objects.requireNonNull(database, "database");
      this.providers = providers;
    }

    /**
     * Adds the decorator named {@code name} configured by {@code section} (a map of its
     * settings, or {@code true} for its defaults; {@code false} adds nothing).
     *
     * @throws ConfigurationException if no such decorator is installed (naming the artifact
     *     that provides it) or the section is invalid
     */
    public Builder with(String name, Object section) {
      DecoratorProvider p = providers.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
          .orElseThrow(() -> notInstalled(name, providers.stream().map(DecoratorProvider::name).sorted().toList()));
      settings(p, section).ifPresent(c -> layers.add(new Layer(p.order(), db -> p.decorate(db, c.withServices(services)))));
      return this;
    }

    /**
     * Hands {@code services} (a Micrometer {@code MeterRegistry} for {@code metrics}) to the
     * decorators added by {@link #with} ({@link BackendConfig#services()}).
     *
     * @since core.decorator 1.1
     */
    public Builder services(List<?> services) {
      this.services = List.copyOf(services);
      return this;
    }

    /** Adds a layer built in code at position {@code order} (lower is closer to the backend). */
    public Builder layer(int order, UnaryOperator<Database> wrap) {
      layers.add(new Layer(order, Objects.requireNonNull(wrap, "wrap")));
      return this;
    }

    /**
     * @return the decorated database; closing it closes the wrapped one. If a decorator fails
     *     to build, the database is closed and the failure is thrown.
     */
    public Database build() {
      Database db = database;
      List<Layer> ordered = new ArrayList<>(layers);
      ordered.sort(Comparator.comparingInt(Layer::order));
      try {
        for (Layer layer : ordered) {
          db = layer.wrap().apply(db);
        }
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
      return db;
    }
  }

  /**
   * @return the decorator of type {@code type} in the stack of {@code database}, if any (to reach
   *     its statistics: {@code find(db, CachingDatabase.class).get().recordStatistics()})
   */
  public static <T extends Database> Optional<T> find(Database database, Class<T> type) {
    Database d = database;
    while (d != null) {
      if (type.isInstance(d)) {
        return Optional.of(type.cast(d));
      }
      d = d instanceof ForwardingDatabase f ? f.delegate() : null;
    }
    return Optional.empty();
  }
}

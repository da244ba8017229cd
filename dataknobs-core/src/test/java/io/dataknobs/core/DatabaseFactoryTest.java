package io.dataknobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataknobs.api.BackendNotFoundException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseFactoryTest {
  static final class MapProvider implements BackendProvider {
    BackendConfig lastConfig;

    @Override
    public String name() {
      return "map";
    }

    @Override
    public Set<String> aliases() {
      return Set.of("hashmap", "M");
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder().add("capacity", ConfigType.INT, 10, "initial capacity").build();
    }

    @Override
    public Database open(BackendConfig config) {
      lastConfig = config;
      return new MapDatabase();
    }
  }

  /** Records the order decorators are applied in. */
  static final class TagDecorator implements DecoratorProvider {
    final String name;
    final int order;
    final List<String> applied;

    TagDecorator(String name, int order, List<String> applied) {
      this.name = name;
      this.order = order;
      this.applied = applied;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int order() {
      return order;
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder().add("size", ConfigType.INT, 1, "a size").build();
    }

    @Override
    public Database decorate(Database database, BackendConfig config) {
      applied.add(name + ":" + config.getInt("size", -1));
      return database;
    }
  }

  private final MapProvider provider = new MapProvider();
  private final DatabaseFactory factory = new DatabaseFactory(provider);

  @Test
  void namesAreCaseInsensitiveWithAliases() {
    for (String name : List.of("map", "MAP", "HashMap", "m", " map ")) {
      try (Database db = factory.open(name, Map.of())) {
        assertThat(db.backendName()).isEqualTo("map");
      }
    }
    assertThat(factory.backends()).containsExactly("map");
    assertThat(factory.describe("hashmap").find("capacity")).isPresent();
  }

  @Test
  void unknownBackendListsTheAvailableOnes() {
    BackendNotFoundException e = catchThrowableOfType(BackendNotFoundException.class, () -> factory.open("mongo", Map.of()));
    assertThat(e.name()).isEqualTo("mongo");
    assertThat(e.available()).containsExactly("map");
    assertThat(e.getMessage()).contains("'mongo'").contains("map");
  }

  @Test
  void configIsValidatedBeforeOpening() {
    try (Database db = factory.open(Map.of("backend", "map", "capacity", "20"))) {
      assertThat(provider.lastConfig.getInt("capacity", 0)).isEqualTo(20);
    }
    assertThatThrownBy(() -> factory.open("map", Map.of("capasity", 3))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean 'capacity'");
    assertThatThrownBy(() -> factory.open(Map.of("capacity", 3))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'backend'");
  }

  @Test
  void decoratorsApplyInOrderWithValidatedSections() {
    List<String> applied = new ArrayList<>();
    DatabaseFactory f = new DatabaseFactory(List.of(provider),
        List.of(new TagDecorator("outer", 20, applied), new TagDecorator("inner", 10, applied)));
    try (Database db = f.open("map", Map.of("outer", Map.of("size", 5), "inner", true, "capacity", 3))) {
      db.create(Record.of("a", Map.of()));
    }
    assertThat(applied).containsExactly("inner:1", "outer:5");
    assertThatThrownBy(() -> f.open("map", Map.of("inner", Map.of("sise", 1)))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sise");
    try (Database db = f.open("map", Map.of("inner", false))) {
      assertThat(applied).hasSize(2);
    }
  }

  @Test
  void configuredButMissingDecoratorsAreReported() {
    assertThatThrownBy(() -> factory.open("map", Map.of("cache", Map.of("records", Map.of("max_size", 10)))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("section 'cache'").hasMessageContaining("not installed")
        .hasMessageContaining("io.dataknobs:dataknobs-decorator-cache")
        .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("cache");
    assertThatThrownBy(() -> factory.open("map", Map.of("bulkhead", true)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("io.dataknobs:dataknobs-decorator-resilience");
    assertThatThrownBy(() -> io.dataknobs.core.decorator.Decorators.of(new MapDatabase(), List.of()).with("metrics", true))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("io.dataknobs:dataknobs-decorator-metrics");
  }

  @Test
  void providersComeAndGoAndNamesMustBeUnique() {
    DatabaseFactory f = new DatabaseFactory();
    assertThat(f.backends()).isEmpty();
    f.register(provider);
    assertThat(f.backends()).containsExactly("map");
    assertThatThrownBy(() -> f.register(new MapProvider())).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("taken");
    f.unregister(provider);
    assertThatThrownBy(() -> f.open("map", Map.of())).isInstanceOf(BackendNotFoundException.class);
  }

  @Test
  void configFilesOpenNamedEntries() {
    DataknobsConfig cfg = DataknobsConfig.fromYaml(String.join("\n",
        "databases:",
        "  primary:",
        "    backend: hashmap",
        "    capacity: ${CAP:42}",
        "  map: {}"), k -> null);
    assertThat(cfg.databaseNames()).containsExactly("primary", "map");
    try (Database db = cfg.open("primary", factory)) {
      assertThat(provider.lastConfig.getInt("capacity", 0)).isEqualTo(42);
    }
    try (Database db = cfg.open("map", factory)) {
      assertThat(db.backendName()).isEqualTo("map");
    }
    assertThatThrownBy(() -> cfg.database("secondary")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("secondary").hasMessageContaining("primary");
    assertThatThrownBy(() -> DataknobsConfig.fromYaml("databases: [1, 2", k -> null)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("YAML");
  }
}

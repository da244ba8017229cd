package io.dataknobs.core.config;

import io.dataknobs.core.internal.config.Conversions;
import io.dataknobs.core.internal.config.Suggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("host", ConfigType.STRING, "localhost", "server host")
      .add("port", ConfigType.INT, 5432, "server port")
      .add(ConfigKey.of("password", ConfigType.STRING, "secret").asSecret())
      .add(ConfigKey.of("bucket", ConfigType.STRING, "bucket name").asRequired())
      .add(ConfigKey.of("pool.min_size", ConfigType.INT, "minimum").withDefault(1).withAliases("min_connections", "min_pool_size"))
      .add("pool.timeout", ConfigType.DURATION, Duration.ofSeconds(30), "wait for a connection")
      .add("mappings", ConfigType.MAP, null, "index mappings, taken whole")
      .add("hosts", ConfigType.LIST, null, "several hosts")
      .add("chunk", ConfigType.SIZE, null, "part size")
      .add("ssl", ConfigType.BOOLEAN, false, "use TLS")
      .build();

  private static BackendConfig validate(Map<String, ?> raw) {
    return ConfigValidator.validate("pg", SPEC, raw);
  }

  @Test
  void unknownKeyNamesTheNearestAcceptedOne() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> validate(Map.of("bucket", "b", "hosst", "x")));
    assertThat(e.key()).isEqualTo("hosst");
    assertThat(e.getMessage()).contains("'hosst'").contains("did you mean 'host'?");
    assertThat(e.acceptedKeys()).contains("host", "port", "pool.min_size", "min_connections");
    ConfigurationException nested = catchThrowableOfType(ConfigurationException.class,
        () -> validate(Map.of("bucket", "b", "pool", Map.of("min_sise", 3))));
    assertThat(nested.key()).isEqualTo("pool.min_sise");
    assertThat(nested.getMessage()).contains("did you mean 'pool.min_size'?");
  }

  @Test
  void nestedSectionsFlattenAndAliasesMapToCanonicalNames() {
    BackendConfig c = validate(Map.of("bucket", "b", "pool", Map.of("timeout", "5m"), "min_connections", "7",
        "mappings", Map.of("properties", Map.of("a", Map.of("type", "keyword")))));
    assertThat(c.getInt("pool.min_size", 0)).isEqualTo(7);
    assertThat(c.getDuration("pool.timeout", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.getMap("mappings")).containsKey("properties");
    assertThat(c.isGiven("pool.min_size")).isTrue();
    assertThat(c.isGiven("port")).isFalse();
    assertThat(c.getInt("port", 0)).isEqualTo(5432);
    assertThatThrownBy(() -> validate(Map.of("bucket", "b", "min_pool_size", 1, "pool", Map.of("min_size", 2))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("given twice");
  }

  @Test
  void wrongTypesNameTheKeyAndTypeButNeverASecret() {
    assertThatThrownBy(() -> validate(Map.of("bucket", "b", "port", "fifty"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'port'").hasMessageContaining("an integer").hasMessageContaining("fifty");
    assertThatThrownBy(() -> validate(Map.of("bucket", "b", "ssl", "maybe"))).hasMessageContaining("a boolean");
    assertThatThrownBy(() -> validate(Map.of("bucket", "b", "pool.timeout", "soon"))).hasMessageContaining("a duration");
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> validate(Map.of("bucket", "b", "password", List.of("hunter2"))));
    assertThat(e.getMessage()).contains("'password'").doesNotContain("hunter2");
  }

  @Test
  void requiredKeysAndDefaults() {
    assertThatThrownBy(() -> validate(Map.of())).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'bucket'").extracting(x -> ((ConfigurationException) x).key()).isEqualTo("bucket");
    BackendConfig c = validate(Map.of("bucket", "b", "password", "hunter2"));
    assertThat(c.getString("host")).isEqualTo("localhost");
    assertThat(c.toString()).doesNotContain("hunter2").contains("******");
  }

  @Test
  void durationsSizesListsAndNumbers() {
    assertThat(Conversions.duration(30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Conversions.duration(1.5)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Conversions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Conversions.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Conversions.duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Conversions.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Conversions.duration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Conversions.duration("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Conversions.duration("10")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Conversions.size("8MB")).isEqualTo(8L << 20);
    assertThat(Conversions.size("64KiB")).isEqualTo(64L << 10);
    assertThat(Conversions.size(1000)).isEqualTo(1000L);
    assertThat(Conversions.size("1.5G")).isEqualTo(3L << 29);
    BackendConfig c = validate(Map.of("bucket", "b", "hosts", "http://a:9200, http://b:9200", "chunk", "16MB", "port", 5433.0));
    assertThat(c.getList("hosts")).containsExactly("http://a:9200", "http://b:9200");
    assertThat(c.getLong("chunk", 0)).isEqualTo(16L << 20);
    assertThat(c.getInt("port", 0)).isEqualTo(5433);
    assertThatThrownBy(() -> validate(Map.of("bucket", "b", "port", 1.5))).hasMessageContaining("an integer");
    assertThatThrownBy(() -> validate(Map.of("bucket", "b", "pool.timeout", -3))).hasMessageContaining("a duration");
  }

  @Test
  void suggestionsStayQuietForFarOffNames() {
    assertThat(Suggestions.nearest("completely_unrelated", List.of("host", "port"))).isNull();
    assertThat(Suggestions.nearest("prot", List.of("host", "port"))).isEqualTo("port");
    assertThat(Suggestions.nearest("max_size", List.of("pool.max_size", "port"))).isEqualTo("pool.max_size");
  }
}

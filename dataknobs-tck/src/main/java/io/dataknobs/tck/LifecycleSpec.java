package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dataknobs.api.BackendNotFoundException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.query.Query;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules 26–27 and 29–31: configuration, lifecycle, capabilities, failures and health. */
public abstract class LifecycleSpec extends TckSpec {

  private Map<String, Object> configWith(String key, Object value) {
    Map<String, Object> c = new HashMap<>(fixture().baseConfig());
    c.put(key, value);
    return c;
  }

  private static String typo(String key) {
    int dot = key.lastIndexOf('.');
    String last = key.substring(dot + 1);
    int at = Math.min(1, last.length() - 1);
    String misspelt = last.substring(0, at + 1) + last.charAt(at) + last.substring(at + 1);
    return key.substring(0, dot + 1) + misspelt;
  }

  @Test
  @DisplayName("rule 26: an unknown key names itself and the nearest accepted key")
  void rule26_unknownKey() {
    ConfigKey first = fixture().provider().configSpec().keys().stream().filter(k -> k.name().length() >= 3)
        .findFirst().orElse(null);
    String wrong = first == null ? "no_such_key" : typo(first.name());
    Throwable t = catchThrowable(() -> fixture().open(fixture().provider().name(), configWith(wrong, "1")));
    assertThat(t).isInstanceOf(ConfigurationException.class).hasMessageContaining(wrong);
    assertThat(((ConfigurationException) t).key()).isEqualTo(wrong);
    if (first != null) {
      assertThat(t.getMessage()).contains("'" + first.name() + "'");
      assertThat(((ConfigurationException) t).acceptedKeys()).contains(first.name());
    }
  }

  @Test
  @DisplayName("rule 26: a value of the wrong type names the key and the expected type")
  void rule26_wrongType() {
    Optional<ConfigKey> typed = fixture().provider().configSpec().keys().stream()
        .filter(k -> k.type() == ConfigType.INT || k.type() == ConfigType.LONG || k.type() == ConfigType.BOOLEAN
            || k.type() == ConfigType.DURATION || k.type() == ConfigType.DOUBLE)
        .findFirst();
    assertThat(typed).as("the backend declares at least one typed key").isPresent();
    ConfigKey k = typed.get();
    Throwable t = catchThrowable(() -> fixture().open(fixture().provider().name(), configWith(k.name(), "not-a-value")));
    assertThat(t).isInstanceOf(ConfigurationException.class).hasMessageContaining(k.name())
        .hasMessageContaining(k.type().description());
    assertThat(((ConfigurationException) t).key()).isEqualTo(k.name());
  }

  @Test
  @DisplayName("rule 26: a missing required key is named")
  void rule26_requiredKeys() {
    for (ConfigKey k : fixture().provider().configSpec().keys()) {
      if (k.required()) {
        Map<String, Object> c = new HashMap<>(fixture().baseConfig());
        c.remove(k.name());
        k.aliases().forEach(c::remove);
        assertThatThrownBy(() -> fixture().open(fixture().provider().name(), c))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining(k.name());
      }
    }
    try (Database other = fixture().open(fixture().provider().name(), new HashMap<>(fixture().baseConfig()))) {
      assertThat(other.backendName()).isEqualTo(fixture().provider().name());
    }
  }

  @Test
  @DisplayName("rule 26: an unknown backend lists the available ones; case and aliases are accepted")
  void rule26_backendNames() {
    Throwable t = catchThrowable(() -> fixture().open("no-such-backend", Map.of()));
    assertThat(t).isInstanceOf(BackendNotFoundException.class).hasMessageContaining("no-such-backend");
    assertThat(((BackendNotFoundException) t).available()).contains(fixture().provider().name());
    List<String> names = new java.util.ArrayList<>(fixture().provider().aliases());
    names.add(fixture().provider().name().toUpperCase(Locale.ROOT));
    for (String name : names) {
      try (Database other = fixture().open(name, new HashMap<>(fixture().baseConfig()))) {
        assertThat(other.backendName()).as(name).isEqualTo(fixture().provider().name());
      }
    }
  }

  @Test
  @DisplayName("rule 27: a closed database throws IllegalStateException; close twice is a no-op")
  void rule27_closed() {
    db.create(rec("x", "v", 1));
    db.close();
    assertThat(db.isClosed()).isTrue();
    db.close();
    assertThatThrownBy(() -> db.read("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> db.create(rec("y", "v", 1))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> db.search(Query.all())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> db.count()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> db.streamRead(Query.all())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> db.clear()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("rule 31: health answers UP while the engine answers, DOWN once closed, and never throws or writes")
  void rule31_health() {
    db.create(rec("x", "v", 1));
    io.dataknobs.api.Health up = db.health(java.time.Duration.ofSeconds(10));
    assertThat(up.status()).as("%s", up).isEqualTo(io.dataknobs.api.Health.Status.UP);
    assertThat(up.isUp()).isTrue();
    assertThat(up.backend()).isEqualTo(db.backendName());
    assertThat(up.latency()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(up.message()).isEmpty();
    up.details().forEach((k, v) -> assertThat(k).startsWith("pool."));
    assertThat(db.count()).as("the probe writes nothing").isEqualTo(1);
    assertThat(db.search(Query.all())).extracting(io.dataknobs.api.Record::id).containsExactly("x");
    assertThatThrownBy(() -> db.health(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    db.close();
    io.dataknobs.api.Health down = db.health(java.time.Duration.ofSeconds(10));
    assertThat(down.status()).isEqualTo(io.dataknobs.api.Health.Status.DOWN);
    assertThat(down.message()).contains("closed");
  }

  @Test
  @DisplayName("rule 30: bad input is typed as bad input, never as an outage that a retry would repeat")
  void rule30_badInputIsNotTransient() {
    io.dataknobs.api.Record stored = io.dataknobs.api.Record.of("ok", java.util.Map.of("s", "x".repeat(20_000), "n", 1));
    db.create(stored);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.upsert("bad\u0000id", stored))
        .isInstanceOf(io.dataknobs.api.RecordValidationException.class).isNotInstanceOf(io.dataknobs.api.BackendUnavailableException.class);
    // what an engine cannot run as written is answered, not failed
    io.dataknobs.api.query.Query hard = io.dataknobs.api.query.Query.all()
        .filter("s", io.dataknobs.api.query.Operator.STARTS_WITH, "x".repeat(1_500))
        .filter("s", io.dataknobs.api.query.Operator.REGEX, "x{1,99999}")
        .filter("n", io.dataknobs.api.query.Operator.IN, java.util.stream.LongStream.range(0, 70_000).boxed().toList());
    assertThat(db.search(hard)).extracting(io.dataknobs.api.Record::id).containsExactly("ok");
    assertThat(db.count(hard)).isEqualTo(1);
  }

  @Test
  @DisplayName("rule 29: capabilities() reports exactly what the backend declares")
  void rule29_capabilitiesAreDeclared() {
    assertThat(db.capabilities()).as("capabilities() of " + db.backendName() + " against the fixture's declaredCapabilities()")
        .containsExactlyInAnyOrderElementsOf(fixture().declaredCapabilities());
  }
}

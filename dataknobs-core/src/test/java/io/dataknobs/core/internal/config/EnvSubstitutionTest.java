package io.dataknobs.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {
  private final EnvSubstitution env = new EnvSubstitution(Map.of("HOST", "db", "PORT", "6543", "EMPTY", "")::get);

  @Test
  void substitutesVariablesDefaultsAndEscapes() {
    assertThat(env.substitute("${HOST}:${PORT}", "x")).isEqualTo("db:6543");
    assertThat(env.substitute("${MISSING:fallback}", "x")).isEqualTo("fallback");
    assertThat(env.substitute("${MISSING:}", "x")).isEmpty();
    assertThat(env.substitute("${HOST:other}", "x")).isEqualTo("db");
    assertThat(env.substitute("$${HOST} costs $5", "x")).isEqualTo("${HOST} costs $5");
    assertThat(env.substitute("${EMPTY:default}", "x")).isEmpty();
    assertThat(env.substitute("pass:${MISSING:a:b}", "x")).isEqualTo("pass:a:b");
  }

  @Test
  void walksMapsAndLists() {
    Object out = env.apply(Map.of("a", List.of("${HOST}", 5), "b", Map.of("c", "${PORT}")), "");
    assertThat(out).isEqualTo(Map.of("a", List.of("db", 5), "b", Map.of("c", "6543")));
  }

  @Test
  void missingVariablesNameTheVariableAndThePath() {
    assertThatThrownBy(() -> env.apply(Map.of("db", Map.of("password", "${PGPASSWORD}")), ""))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("PGPASSWORD").hasMessageContaining("db.password");
    assertThatThrownBy(() -> env.substitute("${TOKEN:?set TOKEN to your API token}", "auth.token"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("set TOKEN to your API token")
        .hasMessageContaining("auth.token");
    assertThatThrownBy(() -> env.substitute("${EMPTY:?must not be empty}", "k")).hasMessageContaining("must not be empty");
  }
}

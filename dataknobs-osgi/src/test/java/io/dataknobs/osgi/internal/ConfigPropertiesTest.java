package io.dataknobs.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Config Admin configuration as a database configuration, and the database's name. */
class ConfigPropertiesTest {
  @Test
  void dottedKeysNestAndFrameworkKeysAreDropped() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("service.pid", "io.dataknobs.database~orders");
    p.put("service.factoryPid", "io.dataknobs.database");
    p.put("felix.fileinstall.filename", "file:/opt/dk/deploy/io.dataknobs.database-orders.cfg");
    p.put("backend", "postgres");
    p.put("pool.max_size", "5");
    p.put("cache.records.max_size", "1000");
    p.put("cache.queries.ttl", "30s");
    p.put("metrics", "true");
    assertThat(ConfigProperties.of(p)).containsExactlyInAnyOrderEntriesOf(Map.of("backend", "postgres", "pool", Map.of("max_size", "5"),
        "cache", Map.of("records", Map.of("max_size", "1000"), "queries", Map.of("ttl", "30s")), "metrics", true));
    assertThat(ConfigProperties.name(p, "io.dataknobs.database")).isEqualTo("orders");
    assertThat(ConfigProperties.origin(p)).endsWith("io.dataknobs.database-orders.cfg");
  }

  @Test
  void aNamePropertyWinsAndAConfigurationWithoutAFileIsNamedByItsPid() {
    assertThat(ConfigProperties.name(Map.of("name", "billing", "felix.fileinstall.filename", "file:/d/io.dataknobs.database-x.config"),
        "io.dataknobs.database")).isEqualTo("billing");
    assertThat(ConfigProperties.name(Map.of("service.pid", "io.dataknobs.database~abc"), "io.dataknobs.database"))
        .isEqualTo("io.dataknobs.database~abc");
  }
}

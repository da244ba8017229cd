package io.dataknobs.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.internal.config.EnvSubstitution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A configuration file in the performance guide's layout:
 *
 * <pre>{@code
 * databases:
 *   postgres:
 *     host: ${PGHOST:localhost}
 *     password: ${PGPASSWORD:?set PGPASSWORD}
 *     pool: {min_size: 20, max_size: 50}
 *     cache: {records: {max_size: 10000, ttl: 5m}}
 *   events:
 *     backend: elasticsearch
 *     hosts: [http://localhost:9200]
 * }</pre>
 *
 * Each entry under {@code databases} names its backend with a {@code backend} key, or by its
 * own name. Strings may hold {@code ${VAR}}, {@code ${VAR:default}} and
 * {@code ${VAR:?message}}, substituted when the file is loaded.
 */
public final class DataknobsConfig {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Object> root;
  private final java.util.List<Object> services;

  private DataknobsConfig(Map<String, Object> root, java.util.List<Object> services) {
    this.root = root;
    this.services = services;
  }

  /**
   * @param service handed to every database this configuration opens: a Micrometer
   *     {@code MeterRegistry} is where {@code metrics: true} records (without one, Micrometer's
   *     global registry)
   * @return this configuration with {@code service} added
   * @since core 1.1
   */
  public DataknobsConfig withService(Object service) {
    java.util.List<Object> more = new java.util.ArrayList<>(services);
    more.add(java.util.Objects.requireNonNull(service, "service"));
    return new DataknobsConfig(root, java.util.List.copyOf(more));
  }

  /** Loads a YAML file, substituting from the process environment. */
  public static DataknobsConfig load(Path file) {
    return load(file, System::getenv);
  }

  /**
   * Loads a YAML file.
   *
   * @param env variable lookup for substitution (null result: unset)
   * @throws ConfigurationException if the file cannot be read or parsed, or a variable is missing
   */
  public static DataknobsConfig load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigurationException(null, "cannot read configuration file " + file + ": " + e.getMessage(),
          java.util.List.of(), e);
    }
    return fromYaml(text, env);
  }

  /** Parses YAML text, substituting from the process environment. */
  public static DataknobsConfig fromYaml(String yaml) {
    return fromYaml(yaml, System::getenv);
  }

  /** Parses YAML text with the given variable lookup. */
  public static DataknobsConfig fromYaml(String yaml, Function<String, String> env) {
    Object tree;
    try {
      tree = YAML.readValue(yaml, Object.class);
    } catch (IOException e) {
      throw new ConfigurationException(null, "configuration is not valid YAML: " + e.getMessage(),
          java.util.List.of(), e);
    }
    if (tree == null) {
      tree = Map.of();
    }
    if (!(tree instanceof Map<?, ?>)) {
      throw new ConfigurationException(null, "configuration must be a YAML mapping at the top level");
    }
    return fromMap((Map<?, ?>) tree, env);
  }

  /** Builds a configuration from a map tree, substituting from {@code env}. */
  @SuppressWarnings("unchecked")
  public static DataknobsConfig fromMap(Map<?, ?> tree, Function<String, String> env) {
    Map<String, Object> substituted = (Map<String, Object>) new EnvSubstitution(env).apply(tree, "");
    Object dbs = substituted.get("databases");
    if (dbs != null && !(dbs instanceof Map<?, ?>)) {
      throw new ConfigurationException("databases", "'databases' must be a mapping of name to settings");
    }
    return new DataknobsConfig(Collections.unmodifiableMap(substituted), java.util.List.of());
  }

  /** @return the whole configuration tree after substitution */
  public Map<String, Object> root() {
    return root;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> databases() {
    Object dbs = root.get("databases");
    return dbs == null ? Map.of() : (Map<String, Object>) dbs;
  }

  /** @return the names under {@code databases}, in file order */
  public Set<String> databaseNames() {
    return Collections.unmodifiableSet(databases().keySet());
  }

  /**
   * @return the settings of the named database
   * @throws ConfigurationException naming the entry and the ones that exist
   */
  @SuppressWarnings("unchecked")
  public DatabaseSettings database(String name) {
    Object entry = databases().get(name);
    if (entry == null) {
      throw new ConfigurationException(name, "no database '" + name + "' in the configuration; defined: " + databaseNames());
    }
    if (!(entry instanceof Map<?, ?>)) {
      throw new ConfigurationException("databases." + name, "'databases." + name + "' must be a mapping of settings");
    }
    Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) entry);
    Object backend = values.remove("backend");
    return new DatabaseSettings(name, backend == null ? name : backend.toString(), Collections.unmodifiableMap(values));
  }

  /** Opens the named database, with its decorators, through {@link DatabaseFactory#standard()}. */
  public Database open(String name) {
    return open(name, DatabaseFactory.standard());
  }

  /**
   * Opens the named database, with its decorators and this configuration's services, through
   * {@code factory}; the entry's name is the database's name (its meters' {@code database} tag).
   */
  public Database open(String name, DatabaseFactory factory) {
    DatabaseSettings s = database(name);
    return factory.open(name, s.backend(), s.values(), services);
  }

  @Override
  public String toString() {
    return "DataknobsConfig{databases=" + databaseNames() + "}";
  }
}

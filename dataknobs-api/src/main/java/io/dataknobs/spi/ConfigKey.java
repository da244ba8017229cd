package io.dataknobs.spi;

import java.util.List;
import java.util.Objects;

/**
 * One accepted configuration key. Dotted names ({@code pool.min_size}) may be given either
 * flat or nested ({@code pool: {min_size: 20}}).
 *
 * @param name the canonical name
 * @param type the value type
 * @param defaultValue the value when absent (already of the Java type of {@code type}), or null
 * @param description one line for {@code dataknobs backends} and {@code describe}
 * @param required true if the key must be given
 * @param secret true if the value must never be shown (passwords, keys, tokens)
 * @param aliases other names accepted for this key
 */
public record ConfigKey(String name, ConfigType type, Object defaultValue, String description,
    boolean required, boolean secret, List<String> aliases) {

  /** Validates and copies. */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
    aliases = List.copyOf(aliases);
  }

  /** @return an optional key without default, alias or secrecy */
  public static ConfigKey of(String name, ConfigType type, String description) {
    return new ConfigKey(name, type, null, description, false, false, List.of());
  }

  /** @return this key with a default value */
  public ConfigKey withDefault(Object value) {
    return new ConfigKey(name, type, value, description, required, secret, aliases);
  }

  /** @return this key marked required */
  public ConfigKey asRequired() {
    return new ConfigKey(name, type, defaultValue, description, true, secret, aliases);
  }

  /** @return this key marked secret: its value is redacted everywhere */
  public ConfigKey asSecret() {
    return new ConfigKey(name, type, defaultValue, description, required, true, aliases);
  }

  /** @return this key also accepted under {@code more} names */
  public ConfigKey withAliases(String... more) {
    List<String> all = new java.util.ArrayList<>(aliases);
    all.addAll(List.of(more));
    return new ConfigKey(name, type, defaultValue, description, required, secret, all);
  }

  @Override
  public String toString() {
    return name + " (" + type + (required ? ", required" : "") + (secret ? ", secret" : "")
        + (defaultValue != null && !secret ? ", default " + defaultValue : "") + ")";
  }
}

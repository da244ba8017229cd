package io.dataknobs.spi;

/** The type of a configuration key, and the Java type its value has after validation. */
public enum ConfigType {
  /** {@code String}; numbers and booleans are accepted and stringified. */
  STRING("a string"),
  /** {@code Integer}; numeric strings are accepted. */
  INT("an integer"),
  /** {@code Long}; numeric strings are accepted. */
  LONG("an integer"),
  /** {@code Double}; numeric strings are accepted. */
  DOUBLE("a number"),
  /** {@code Boolean}; {@code "true"}/{@code "false"} (any case) are accepted. */
  BOOLEAN("a boolean (true or false)"),
  /** {@link java.time.Duration}: a number of seconds, {@code "250ms"}, {@code "30s"}, {@code "5m"}, {@code "1h"}, {@code "2d"} or ISO-8601 ({@code "PT1M"}). */
  DURATION("a duration (seconds, or like 30s, 5m, PT1M)"),
  /** {@code Long} bytes: a number or {@code "64KB"}, {@code "8MB"}, {@code "1GiB"}. */
  SIZE("a size in bytes (a number, or like 8MB)"),
  /** {@code List<Object>}; a single value or a comma-separated string becomes a list. */
  LIST("a list"),
  /** {@code Map<String,Object>}, taken as a whole (its keys are not validated). */
  MAP("a map"),
  /** Any value, taken as given. */
  ANY("any value");

  private final String description;

  ConfigType(String description) {
    this.description = description;
  }

  /** @return how the expected type is named in error messages */
  public String description() {
    return description;
  }
}

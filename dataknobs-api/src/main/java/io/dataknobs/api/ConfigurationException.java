package io.dataknobs.api;

/**
 * A configuration is invalid: an unknown key (the message names it and the nearest
 * accepted key), a value of the wrong type (names the key and the expected type), a
 * missing required key, or an unresolved {@code ${VAR:?message}} placeholder.
 */
public class ConfigurationException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final java.util.List<String> acceptedKeys;

  /**
   * @param key the offending key (may be null when no single key is at fault)
   * @param message what is wrong
   */
  public ConfigurationException(String key, String message) {
    this(key, message, java.util.List.of(), null);
  }

  /**
   * @param key the offending key
   * @param message what is wrong
   * @param acceptedKeys for an unknown key, the keys that are accepted
   * @param cause an underlying exception, or null
   */
  public ConfigurationException(String key, String message, java.util.Collection<String> acceptedKeys,
      Throwable cause) {
    super(message, cause);
    this.key = key;
    this.acceptedKeys = java.util.List.copyOf(acceptedKeys);
  }

  /** @return the offending key, or null */
  public String key() {
    return key;
  }

  /** @return for an unknown key the accepted keys, otherwise an empty list */
  public java.util.List<String> acceptedKeys() {
    return acceptedKeys;
  }
}

package io.dataknobs.api;

/** No backend is registered under the requested name or alias. */
public class BackendNotFoundException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final java.util.List<String> available;

  /**
   * @param name the name asked for
   * @param available the names that are registered
   */
  public BackendNotFoundException(String name, java.util.Collection<String> available) {
    super("no backend named '" + name + "'; available: " + String.join(", ", available));
    this.name = name;
    this.available = java.util.List.copyOf(available);
  }

  /** @return the name asked for */
  public String name() {
    return name;
  }

  /** @return the registered backend names */
  public java.util.List<String> available() {
    return available;
  }
}

package io.dataknobs.api;

/**
 * Root of every exception Dataknobs throws. All are unchecked. When a driver or client
 * library failed, its exception is the {@link #getCause() cause}, never the thrown type.
 * Messages never contain secrets (passwords, keys, tokens).
 */
public class DataknobsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, naming the offending key, field, operator or value */
  public DataknobsException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong
   * @param cause the underlying (driver) exception
   */
  public DataknobsException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.dataknobs.api;

/**
 * The engine could not be reached or failed (connection refused, pool exhausted, server
 * error, timeout). The driver exception is the cause.
 */
public class BackendUnavailableException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  /** @param message what failed */
  public BackendUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the driver exception
   */
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

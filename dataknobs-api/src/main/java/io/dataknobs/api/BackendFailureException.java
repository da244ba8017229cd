package io.dataknobs.api;

/**
 * The engine refused or failed the call for a reason that trying again will not fix: its
 * storage failed (disk full, corrupt file, permission denied), the table or index it needs is
 * missing, or it reported an internal error. Unlike {@link BackendUnavailableException} it is
 * never retried and does not open a circuit breaker; the caller (or an operator) has to change
 * something first. The engine's own exception is the cause, and the message says what failed.
 *
 * @since api 1.1
 */
public class BackendFailureException extends DataknobsException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and what the caller or an operator can do about it
   * @param cause the engine's exception
   */
  public BackendFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}

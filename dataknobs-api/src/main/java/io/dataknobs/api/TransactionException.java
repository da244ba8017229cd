package io.dataknobs.api;

/** A transaction could not begin, commit or roll back, or was used after it ended. */
public class TransactionException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  /** @param message what failed */
  public TransactionException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the underlying exception
   */
  public TransactionException(String message, Throwable cause) {
    super(message, cause);
  }
}

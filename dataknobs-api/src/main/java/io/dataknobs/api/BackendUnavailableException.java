package io.dataknobs.api;

/**
 * A transient failure: the engine could not be reached or could not serve the call now
 * (connection lost or refused, timeout, pool exhausted, server shutting down or overloaded,
 * serialization failure or deadlock, a protective limit). Trying again later may succeed, and
 * the {@code retry} decorator and the circuit breaker act on this type (and its subtypes) only.
 * Nothing is known to have been written unless the message says so. The driver exception is the
 * cause.
 *
 * <p>Failures that trying again will not fix are other types: bad input is a
 * {@link QueryException} or {@link RecordValidationException}, a collision a
 * {@link DuplicateRecordException} or {@link ConcurrencyException}, and an engine that refuses
 * for its own reasons a {@link BackendFailureException}.
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

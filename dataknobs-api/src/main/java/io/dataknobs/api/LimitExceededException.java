package io.dataknobs.api;

/**
 * A protective limit refused the call before it reached the engine: a full bulkhead, an
 * exhausted rate limit, an open circuit breaker. Nothing was read or written. It is a
 * {@link BackendUnavailableException} because waiting and trying again may succeed.
 */
public class LimitExceededException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;
  private final String limit;

  /**
   * @param limit the limit that refused ({@code bulkhead}, {@code rate_limit}, {@code circuit_breaker})
   * @param message what was refused and the limit's setting
   * @param cause the limiter's own exception, if any
   */
  public LimitExceededException(String limit, String message, Throwable cause) {
    super(message, cause);
    this.limit = limit;
  }

  /** @return the limit that refused the call, as its configuration section is named */
  public String limit() {
    return limit;
  }
}

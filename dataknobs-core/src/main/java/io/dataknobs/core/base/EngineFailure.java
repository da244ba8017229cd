package io.dataknobs.core.base;

import io.dataknobs.api.BackendFailureException;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.QueryException;
import io.dataknobs.api.RecordValidationException;

/**
 * What an engine failure means to the caller, and so which exception it becomes. Each engine
 * sorts its own errors into these kinds in one place (a SQL dialect from SQLState classes and
 * engine codes, the Elasticsearch backend from HTTP status and error type, the S3 backend from
 * status and error code); {@link #toException} is the one mapping from kind to type, shared by
 * every backend.
 *
 * @since core 1.1
 */
public enum EngineFailure {
  /**
   * Trying again may succeed: connection lost or refused, timeout, pool exhausted, server
   * shutting down or overloaded, serialization failure, deadlock, lock contention.
   */
  TRANSIENT,
  /**
   * The engine refused the input: a value it cannot hold, a statement or query beyond its
   * limits, a pattern it cannot compile. Trying again with the same input fails again.
   */
  BAD_INPUT,
  /**
   * The engine failed for its own reasons, which retrying will not fix: storage full or
   * corrupt, permission denied, a missing table or index, an internal error.
   */
  FAILURE;

  /**
   * The exception for a failure of this kind.
   *
   * @param message what failed, naming the operation, table or index, and the engine's words;
   *     never a secret
   * @param cause the engine's exception
   * @param writing true if the call wrote records: bad input is then a
   *     {@link RecordValidationException} (field {@code record}), else a {@link QueryException}
   * @return {@link BackendUnavailableException} for {@link #TRANSIENT}, the input types for
   *     {@link #BAD_INPUT}, {@link BackendFailureException} for {@link #FAILURE}
   */
  public DataknobsException toException(String message, Throwable cause, boolean writing) {
    return switch (this) {
      case TRANSIENT -> new BackendUnavailableException(message + " (a transient failure: it may succeed if tried again)", cause);
      case BAD_INPUT -> writing
          ? new RecordValidationException("record", message + " (the engine refused the record; retrying will not help)", cause)
          : new QueryException(message + " (the engine refused the query; retrying will not help)", cause);
      case FAILURE -> new BackendFailureException(message + " (retrying will not help until the cause is fixed)", cause);
    };
  }
}

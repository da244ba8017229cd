package io.dataknobs.api;

/**
 * A query is malformed (unknown operator, a {@code BETWEEN} bound that is not two values,
 * {@code IN} with a non-collection, a bad field path or regular expression, a negative
 * limit) or cannot be executed. Thrown when the query is built where possible.
 */
public class QueryException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  /** @param message what is wrong, naming the field, operator or value */
  public QueryException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong
   * @param cause the underlying exception
   */
  public QueryException(String message, Throwable cause) {
    super(message, cause);
  }
}

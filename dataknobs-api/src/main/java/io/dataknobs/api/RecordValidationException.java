package io.dataknobs.api;

/**
 * A record holds something the data model does not accept: a value of an unsupported
 * type, a field name that is empty or contains {@code .}, a null key.
 */
public class RecordValidationException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /**
   * @param field the path of the offending field
   * @param message what is wrong with it
   */
  public RecordValidationException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * @param field the path of the offending field ({@code record} when the engine did not say which)
   * @param message what is wrong with it
   * @param cause the engine's exception, when the engine refused the value
   * @since api 1.1
   */
  public RecordValidationException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** @return the path of the offending field */
  public String field() {
    return field;
  }
}

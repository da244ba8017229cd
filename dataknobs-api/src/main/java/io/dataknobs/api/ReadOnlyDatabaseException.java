package io.dataknobs.api;

/** A write was attempted on a database opened read-only; nothing was changed. */
public class ReadOnlyDatabaseException extends DataknobsException {
  private static final long serialVersionUID = 1L;

  /** @param message which database and which write */
  public ReadOnlyDatabaseException(String message) {
    super(message);
  }
}

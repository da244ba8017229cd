package io.dataknobs.api;

/**
 * A record with the given id is already stored. Thrown by {@code create}, all-or-nothing
 * {@code createBatch} (nothing of the batch is stored) and conditional inserts; the stored
 * record is left untouched.
 */
public class DuplicateRecordException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  private final String id;

  /** @param id the id that collided */
  public DuplicateRecordException(String id) {
    this(id, null);
  }

  /**
   * @param id the id that collided
   * @param cause the driver exception, if any
   */
  public DuplicateRecordException(String id, Throwable cause) {
    super("a record with id '" + id + "' already exists", cause);
    this.id = id;
  }

  /** @return the id that collided */
  public String id() {
    return id;
  }
}

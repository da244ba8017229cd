package io.dataknobs.api;

/**
 * An optimistic-concurrency check failed: the {@code expectedVersion} given to a write is
 * not the stored version (or a conditional upsert found no record). Nothing was changed.
 */
public class ConcurrencyException extends DataknobsException {
  private static final long serialVersionUID = 1L;
  private final String id;

  /**
   * @param id the record id
   * @param message what did not match
   */
  public ConcurrencyException(String id, String message) {
    super(message);
    this.id = id;
  }

  /** @return the id of the record whose version did not match */
  public String id() {
    return id;
  }
}

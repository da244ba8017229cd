package io.dataknobs.core.internal.base;

import io.dataknobs.api.Record;
import io.dataknobs.api.RecordValidationException;
import java.util.UUID;

/** How writes choose a record's storage id (rule 1). */
public final class Ids {
  private Ids() {}

  /**
   * @return {@link Record#id()}; if null, the data field {@code id} stringified; otherwise a
   *     new random UUID
   * @throws RecordValidationException for an empty id or an {@code id} field that is a map,
   *     list or bytes
   */
  public static String choose(Record record) {
    if (record.id() != null) {
      return check(record.id());
    }
    Object field = record.data().get("id");
    if (field == null) {
      return UUID.randomUUID().toString();
    }
    if (field instanceof java.util.Map || field instanceof java.util.List || field instanceof byte[]) {
      throw new RecordValidationException("id", "data field 'id' must be a scalar to serve as the storage id, got "
          + field.getClass().getSimpleName());
    }
    return check(field.toString());
  }

  /** @return {@code id} if it is a valid explicit id (see {@link Record#validId}) */
  public static String check(String id) {
    return Record.validId(id);
  }

  /**
   * @return false for an id no record can be stored under (null, empty, NUL, a lone surrogate):
   *     reads, updates and deletes of it answer "absent" without asking the engine, which might
   *     refuse the text
   */
  public static boolean couldBeStored(String id) {
    return id != null && !id.isEmpty() && Storable.text(id);
  }

}

package io.dataknobs.core.tx;

import io.dataknobs.api.Record;

/**
 * One buffered write of a {@link BufferedTransaction}, applied at commit.
 *
 * @param kind what to do
 * @param id the record id (null for {@link Kind#CLEAR})
 * @param record the record to write (null for delete and clear)
 * @param expectedVersion the version the stored record must still have, or null
 */
public record WriteOp(Kind kind, String id, Record record, String expectedVersion) {
  /** The kinds of buffered writes. */
  public enum Kind {
    /** Insert; fails if the id is taken. */
    CREATE,
    /** Replace an existing record. */
    UPDATE,
    /** Insert or replace. */
    UPSERT,
    /** Remove. */
    DELETE,
    /** Remove everything. */
    CLEAR
  }
}

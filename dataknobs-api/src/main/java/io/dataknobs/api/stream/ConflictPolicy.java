package io.dataknobs.api.stream;

/** What {@code streamWrite} does with a record whose id is stored already. */
public enum ConflictPolicy {
  /** Insert; a duplicate is a failure (reported, and handled by the error handler). */
  INSERT,
  /** Insert or replace. */
  UPSERT,
  /** Insert; a duplicate is skipped (counted in {@link StreamResult#skipped()}, not a failure). */
  SKIP
}

package io.dataknobs.api.query;

/** Sort direction. Missing and null values sort last in both directions. */
public enum SortOrder {
  /** Ascending. */
  ASC,
  /** Descending. */
  DESC
}

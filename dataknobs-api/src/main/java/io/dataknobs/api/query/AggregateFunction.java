package io.dataknobs.api.query;

/** The functions of an {@link Aggregation}. */
public enum AggregateFunction {
  /** Number of records (no field) or of non-null values of a field. */
  COUNT,
  /** Sum of the numeric values; 0 when there are none. */
  SUM,
  /** Mean of the numeric values as a {@code Double}; null when there are none. */
  AVG,
  /** Smallest numeric value; null when there are none. */
  MIN,
  /** Largest numeric value; null when there are none. */
  MAX
}

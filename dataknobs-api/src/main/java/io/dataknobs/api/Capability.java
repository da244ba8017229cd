package io.dataknobs.api;

/**
 * What a backend does natively. Everything the API offers works on every backend; a
 * missing capability means core's fallback (in-memory evaluation, buffering, compensation)
 * supplies the same observable result, usually at a cost.
 */
public enum Capability {
  /** Atomic, isolated transactions ({@link TransactionPolicy#STRICT}). */
  TRANSACTIONS,
  /** Compare-and-set writes on version tokens executed by the engine itself. */
  CONDITIONAL_WRITE,
  /** Filters, sorting, offset and limit executed by the engine. */
  QUERY_PUSHDOWN,
  /** Aggregations and group-by executed by the engine. */
  AGGREGATION_PUSHDOWN,
  /** {@code streamRead} holds a server-side cursor instead of paging. */
  STREAMING_CURSOR,
  /** Batch writes use the engine's bulk path (batch statement, appender, COPY, bulk API). */
  BULK_WRITE,
  /** Full-text search. */
  FULL_TEXT,
  /** Data outlives the process. */
  PERSISTENT
}

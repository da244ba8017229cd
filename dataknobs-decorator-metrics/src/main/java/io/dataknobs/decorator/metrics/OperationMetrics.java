package io.dataknobs.decorator.metrics;

import java.time.Duration;

/**
 * What one operation measured since the database opened. Percentiles come from the most recent
 * calls (a reservoir of {@code reservoir_size} latencies); counts, min, mean and max from all.
 *
 * @param operation the API method ({@code read}, {@code createBatch}, {@code streamRead.batch})
 * @param count calls
 * @param errors calls that threw
 * @param min fastest call
 * @param mean average call
 * @param max slowest call
 * @param p50 median of the recent calls
 * @param p95 95th percentile of the recent calls
 * @param p99 99th percentile of the recent calls
 */
public record OperationMetrics(String operation, long count, long errors, Duration min, Duration mean, Duration max, Duration p50,
    Duration p95, Duration p99) {}

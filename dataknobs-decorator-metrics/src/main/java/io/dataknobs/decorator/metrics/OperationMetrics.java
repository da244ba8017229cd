package io.dataknobs.decorator.metrics;

import java.time.Duration;

/**
 * What one operation measured, read from its Micrometer timers ({@code dataknobs.operation}).
 * Counts and the mean cover every call since the database opened; the maximum and the
 * percentiles are Micrometer's, over its recent window (two minutes by default). Percentiles are
 * Micrometer's estimates, a few per cent off, so p99 may pass the maximum.
 *
 * @param operation the API method ({@code read}, {@code createBatch}, {@code streamRead.batch})
 * @param count calls
 * @param errors calls that threw
 * @param mean average call
 * @param max slowest recent call
 * @param p50 median of recent successful calls
 * @param p95 95th percentile of recent successful calls
 * @param p99 99th percentile of recent successful calls
 */
public record OperationMetrics(String operation, long count, long errors, Duration mean, Duration max, Duration p50, Duration p95,
    Duration p99) {}

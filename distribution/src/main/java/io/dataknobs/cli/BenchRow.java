package io.dataknobs.cli;

/**
 * One measured workload.
 *
 * @param method the API call as the API spells it ({@code createBatch(500)}), or a raw-driver
 *     baseline prefixed {@code raw:}
 * @param records records written, read or returned
 * @param seconds wall time
 * @param baseline the raw row this one is compared with, when not the bulk or aggregate baseline
 */
record BenchRow(String method, long records, double seconds, String baseline) {
  BenchRow(String method, long records, double seconds) {
    this(method, records, seconds, null);
  }

  double recordsPerSecond() {
    return seconds <= 0 ? 0 : records / seconds;
  }

  boolean isRaw() {
    return method.startsWith("raw:");
  }
}

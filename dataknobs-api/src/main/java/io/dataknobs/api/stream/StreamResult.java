package io.dataknobs.api.stream;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code streamWrite} did. {@link #totalProcessed()} is always
 * {@code successful + failed + skipped}; records after a stop are not processed.
 */
public final class StreamResult {
  private final long successful;
  private final long failed;
  private final long skipped;
  private final List<StreamError> errors;
  private final long totalBatches;
  private final Duration duration;
  private final boolean stopped;

  /**
   * @param successful records written
   * @param failed records that failed (one {@link StreamError} each)
   * @param skipped duplicates skipped under {@link ConflictPolicy#SKIP}
   * @param errors the failures, in input order
   * @param totalBatches batches attempted
   * @param duration wall time of the write
   * @param stopped true if the write stopped before the end of the input (a failure without
   *     a handler that continued, or the timeout)
   */
  public StreamResult(long successful, long failed, long skipped, List<StreamError> errors,
      long totalBatches, Duration duration, boolean stopped) {
    this.successful = successful;
    this.failed = failed;
    this.skipped = skipped;
    this.errors = List.copyOf(errors);
    this.totalBatches = totalBatches;
    this.duration = duration;
    this.stopped = stopped;
  }

  /** @return successful + failed + skipped */
  public long totalProcessed() {
    return successful + failed + skipped;
  }

  /** @return records written */
  public long successful() {
    return successful;
  }

  /** @return records that failed */
  public long failed() {
    return failed;
  }

  /** @return duplicates skipped */
  public long skipped() {
    return skipped;
  }

  /** @return one entry per failed record, in input order */
  public List<StreamError> errors() {
    return errors;
  }

  /** @return batches attempted */
  public long totalBatches() {
    return totalBatches;
  }

  /** @return wall time of the write */
  public Duration duration() {
    return duration;
  }

  /** @return true if the write stopped before the end of its input */
  public boolean stopped() {
    return stopped;
  }

  /** @return records processed per second (0 for an empty write) */
  public double throughput() {
    double s = duration.toNanos() / 1e9;
    return s <= 0 ? 0 : totalProcessed() / s;
  }

  @Override
  public String toString() {
    return "StreamResult{processed=" + totalProcessed() + ", successful=" + successful + ", failed=" + failed
        + ", skipped=" + skipped + ", batches=" + totalBatches + ", duration=" + duration
        + (stopped ? ", stopped" : "") + "}";
  }
}

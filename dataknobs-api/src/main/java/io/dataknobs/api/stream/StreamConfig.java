package io.dataknobs.api.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code streamRead} and {@code streamWrite}; immutable, built with
 * {@link #builder()}. Invalid settings are rejected by {@link Builder#build()} with an
 * {@link IllegalArgumentException} naming the setting.
 */
public final class StreamConfig {
  private static final StreamConfig DEFAULTS = builder().build();

  private final int batchSize;
  private final int bufferSize;
  private final int parallelism;
  private final ConflictPolicy onConflict;
  private final ErrorHandler onError;
  private final Duration timeout;

  private StreamConfig(Builder b) {
    this.batchSize = b.batchSize;
    this.bufferSize = b.bufferSize;
    this.parallelism = b.parallelism;
    this.onConflict = b.onConflict;
    this.onError = b.onError;
    this.timeout = b.timeout;
  }

  /** @return batch size 1000, buffer 1000, parallelism 1, {@code INSERT}, no handler, no timeout */
  public static StreamConfig defaults() {
    return DEFAULTS;
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder starting from this configuration */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.batchSize = batchSize;
    b.bufferSize = bufferSize;
    b.parallelism = parallelism;
    b.onConflict = onConflict;
    b.onError = onError;
    b.timeout = timeout;
    return b;
  }

  /** @return records per write batch (and per fetch of a paging read); &gt; 0 */
  public int batchSize() {
    return batchSize;
  }

  /** @return how many records a read may hold in memory ahead of the consumer; &gt;= 0 */
  public int bufferSize() {
    return bufferSize;
  }

  /** @return how many write batches may be in flight at once; &gt; 0 */
  public int parallelism() {
    return parallelism;
  }

  /** @return what a write does with an id that is stored already */
  public ConflictPolicy onConflict() {
    return onConflict;
  }

  /** @return the error handler, or null (the first failure stops the write) */
  public ErrorHandler onError() {
    return onError;
  }

  /** @return the time limit of a whole write, or null for none */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "StreamConfig{batchSize=" + batchSize + ", bufferSize=" + bufferSize + ", parallelism="
        + parallelism + ", onConflict=" + onConflict + ", onError=" + (onError != null) + ", timeout=" + timeout + "}";
  }

  /** Builds a {@link StreamConfig}. */
  public static final class Builder {
    private int batchSize = 1000;
    private int bufferSize = 1000;
    private int parallelism = 1;
    private ConflictPolicy onConflict = ConflictPolicy.INSERT;
    private ErrorHandler onError;
    private Duration timeout;

    private Builder() {}

    /** Records per batch; must be &gt; 0. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Read-ahead buffer (prefetch) in records; must be &gt;= 0. */
    public Builder bufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
      return this;
    }

    /** Write batches in flight; must be &gt; 0. */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** What to do with stored ids. */
    public Builder onConflict(ConflictPolicy onConflict) {
      this.onConflict = Objects.requireNonNull(onConflict, "onConflict");
      return this;
    }

    /** Called for each failed record; return true to continue. */
    public Builder onError(ErrorHandler onError) {
      this.onError = onError;
      return this;
    }

    /** Time limit of a whole write; must be positive, or null for none. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * @return the configuration
     * @throws IllegalArgumentException naming the invalid setting
     */
    public StreamConfig build() {
      if (batchSize <= 0) {
        throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
      }
      if (bufferSize < 0) {
        throw new IllegalArgumentException("bufferSize must be >= 0, got " + bufferSize);
      }
      if (parallelism <= 0) {
        throw new IllegalArgumentException("parallelism must be > 0, got " + parallelism);
      }
      if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      return new StreamConfig(this);
    }
  }
}

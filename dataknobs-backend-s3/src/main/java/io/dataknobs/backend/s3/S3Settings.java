package io.dataknobs.backend.s3;

import io.dataknobs.spi.BackendConfig;

/**
 * The transfer settings a database uses.
 *
 * @param maxConcurrency requests in flight at once for batches and queries
 * @param maxIoQueue most objects a query page fetches (and holds) at once
 * @param multipartThreshold bodies larger than this are uploaded in parts
 * @param multipartChunkSize the size of each part (at least 5 MiB, S3's minimum)
 */
record S3Settings(int maxConcurrency, int maxIoQueue, long multipartThreshold, long multipartChunkSize) {
  static S3Settings of(BackendConfig c) {
    return new S3Settings(Math.max(1, c.getInt("transfer.max_concurrency", 10)), Math.max(1, c.getInt("transfer.max_io_queue", 1000)),
        c.getLong("transfer.multipart_threshold", 8L << 20), c.getLong("transfer.multipart_chunksize", 8L << 20));
  }
}

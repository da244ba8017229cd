package io.dataknobs.cli.copy;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.ConflictPolicy;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamError;
import io.dataknobs.api.stream.StreamResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Moves the records a query selects from one database to another: the source's
 * {@code streamRead} in, the target's {@code streamWrite} out, one batch at a time, each batch's
 * outcome added to the result and, once the target acknowledged it, to the {@link Checkpoint}.
 * A copy resumed from a checkpoint skips the records acknowledged before and writes the first
 * batch after them with {@code upsert} where the policy was {@code insert}: the interrupted run may
 * have written part of it, and writing those records again must not fail or double them.
 */
public final class Copier {
  /** Why a copy ended before the source did. */
  public enum Stop {
    /** It did not: every record was read. */
    NONE,
    /** The user interrupted it (Ctrl-C). */
    INTERRUPTED,
    /** The source or the target became unavailable. */
    UNAVAILABLE
  }

  /**
   * What a copy did.
   *
   * @param read source records read, those skipped on resume included
   * @param written records the target stored
   * @param skipped records left out because the target held their ids ({@code skip})
   * @param failed records the target refused
   * @param errors the refused records, with their positions in the source and ids
   * @param took how long it ran
   * @param stop why it stopped early, if it did
   * @param cause the failure that stopped it, or null
   * @param malformed the source's rows that held no record and were left out ({@code --on-error skip})
   */
  public record Result(long read, long written, long skipped, long failed, List<StreamError> errors, Duration took, Stop stop,
      RuntimeException cause, List<String> malformed) {
    /** @return records per second written, skipped or refused */
    public double rate() {
      double s = Math.max(1e-9, took.toNanos() / 1e9);
      return (written + skipped + failed) / s;
    }
  }

  private Copier() {}

  /**
   * @param total how many records the query selects, or -1 when counting them would cost a pass of its own
   * @param checkpoint where acknowledged batches are recorded (and from where a resumed copy starts), or null
   * @param interrupted asked before each batch; true stops the copy after the last acknowledged one
   */
  public static Result copy(Database source, Database target, Query query, int batchSize, ConflictPolicy policy, long total,
      Checkpoint checkpoint, Progress progress, BooleanSupplier interrupted) {
    return copy(source, target, query, batchSize, policy, total, checkpoint, progress, interrupted, false);
  }

  /**
   * @param skipMalformed leave out the source's rows that hold no record (a file's malformed line),
   *     counting them, instead of stopping at the first
   */
  public static Result copy(Database source, Database target, Query query, int batchSize, ConflictPolicy policy, long total,
      Checkpoint checkpoint, Progress progress, BooleanSupplier interrupted, boolean skipMalformed) {
    long started = System.nanoTime();
    long skip = checkpoint == null ? 0 : checkpoint.copied();
    long read = skip;
    long written = 0;
    long skipped = 0;
    long failed = 0;
    List<StreamError> errors = new ArrayList<>();
    Stop stop = Stop.NONE;
    RuntimeException cause = null;
    progress.start("copy", total);
    progress.at(skip);
    // the source is read on a thread of its own, a few batches ahead: reading and writing overlap
    Reader reader = new Reader(source, query, batchSize, skip, skipMalformed);
    reader.start();
    try {
      boolean resent = skip > 0;
      for (List<Record> batch = reader.next(); batch != null; batch = reader.next()) {
        if (interrupted.getAsBoolean()) {
          stop = Stop.INTERRUPTED;
          break;
        }
        ConflictPolicy p = resent && policy == ConflictPolicy.INSERT ? ConflictPolicy.UPSERT : policy;
        StreamResult r = target.streamWrite(batch, StreamConfig.builder().batchSize(batchSize).onConflict(p)
            .onError((e, rec) -> !(e instanceof BackendUnavailableException)).build());
        for (StreamError e : r.errors()) {
          if (e.exceptionType() != null && e.exceptionType().endsWith("BackendUnavailableException")) {
            throw new BackendUnavailableException("the target stopped answering: " + e.message(), null);
          }
        }
        written += r.successful();
        skipped += r.skipped();
        failed += r.failed();
        for (StreamError e : r.errors()) {
          errors.add(new StreamError(read + e.index(), e.id(), e.message(), e.exceptionType()));
        }
        read += batch.size();
        resent = false;
        if (checkpoint != null) {
          checkpoint = checkpoint.at(read);
        }
        progress.at(read);
      }
    } catch (BackendUnavailableException e) {
      stop = Stop.UNAVAILABLE;
      cause = e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the checkpoint: " + e.getMessage(), e);
    } finally {
      reader.close();
      progress.close();
    }
    return new Result(read, written, skipped, failed, errors, Duration.ofNanos(System.nanoTime() - started), stop, cause,
        List.copyOf(reader.malformed));
  }

  /**
   * Reads the source's stream into batches on a thread of its own, at most {@link #AHEAD} batches
   * ahead of the writer (bounded memory), after skipping the records a checkpoint says are done.
   * A failure of the source reaches the writer where the next batch would have.
   */
  private static final class Reader implements AutoCloseable {
    private static final int AHEAD = 3;
    private static final Object END = new Object();
    private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    /** The malformed rows left out, as the file backend names them (file:line:column: what). */
    final List<String> malformed = java.util.Collections.synchronizedList(new ArrayList<>());

    Reader(Database source, Query query, int batchSize, long skip, boolean skipMalformed) {
      this.thread = new Thread(() -> {
        StreamConfig in = StreamConfig.builder().batchSize(batchSize).bufferSize(batchSize).build();
        try (Stream<Record> s = source.streamRead(query, in)) {
          Iterator<Record> it = s.iterator();
          for (long n = 0; n < skip && hasNext(it, skipMalformed); n++) {
            it.next();
          }
          while (hasNext(it, skipMalformed) && !closed) {
            List<Record> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && hasNext(it, skipMalformed)) {
              batch.add(it.next());
            }
            put(batch);
          }
          put(END);
        } catch (RuntimeException | Error e) {
          put(e);
        }
      }, "dataknobs-copy-reader");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    /**
     * A file's stream reports a malformed row when it reaches it and can go on after it: with
     * {@code skip}, the row is noted and the stream asked again.
     */
    private boolean hasNext(Iterator<Record> it, boolean skip) {
      while (true) {
        try {
          return it.hasNext();
        } catch (io.dataknobs.backend.file.MalformedFileException e) {
          if (!skip) {
            throw e;
          }
          malformed.add(e.getMessage());
        }
      }
    }

    private void put(Object o) {
      try {
        while (!closed && !queue.offer(o, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          // the writer is behind; wait for room unless it stopped
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** @return the next batch, or null at the end of the source */
    @SuppressWarnings("unchecked")
    List<Record> next() {
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the source", e);
      }
      if (o == END) {
        return null;
      }
      if (o instanceof RuntimeException e) {
        throw e;
      }
      if (o instanceof Error e) {
        throw e;
      }
      return (List<Record>) o;
    }

    /** Stops the reading thread (the writer stopped early, or is done) and waits for it to close the source's stream. */
    @Override
    public void close() {
      closed = true;
      queue.clear();
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

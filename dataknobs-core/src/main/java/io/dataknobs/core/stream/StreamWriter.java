package io.dataknobs.core.stream;

import io.dataknobs.api.Database;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.stream.ConflictPolicy;
import io.dataknobs.api.stream.ErrorHandler;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamError;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.internal.base.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code streamWrite} over any database (rule 23): batches of {@code batchSize} go through
 * {@code createBatch} ({@code INSERT}, {@code SKIP}) or {@code upsertBatch} ({@code UPSERT});
 * a failed batch is retried record by record, where a duplicate counts as failed
 * ({@code INSERT}) or skipped ({@code SKIP}). Each failure is offered to the error handler;
 * without one that returns true the write stops. With {@code parallelism > 1}, that many
 * batches are written at once; a stop then lets batches already in flight finish.
 */
public final class StreamWriter {
  private StreamWriter() {}

  /** Writes {@code source} into {@code db}. */
  public static StreamResult write(Database db, Iterator<Record> source, StreamConfig config) {
    return new Run(db, config).execute(source);
  }

  private static final class Run {
    final Database db;
    final StreamConfig config;
    final long started = System.nanoTime();
    final long deadline;
    long successful;
    long failed;
    long skipped;
    long batches;
    final List<StreamError> errors = new ArrayList<>();
    volatile boolean stopped;

    Run(Database db, StreamConfig config) {
      this.db = db;
      this.config = config;
      Duration t = config.timeout();
      this.deadline = t == null ? Long.MAX_VALUE : started + t.toNanos();
    }

    StreamResult execute(Iterator<Record> source) {
      if (config.parallelism() == 1) {
        long index = 0;
        while (!stopped && source.hasNext()) {
          if (System.nanoTime() > deadline) {
            stopped = true;
            break;
          }
          Batch b = next(source, index);
          index += b.records.size();
          merge(b.write(this));
        }
      } else {
        executeParallel(source);
      }
      errors.sort((a, b) -> Long.compare(a.index(), b.index()));
      return new StreamResult(successful, failed, skipped, errors, batches,
          Duration.ofNanos(System.nanoTime() - started), stopped || timedOut(source));
    }

    private boolean timedOut(Iterator<Record> source) {
      return System.nanoTime() > deadline && source.hasNext();
    }

    private void executeParallel(Iterator<Record> source) {
      ExecutorService pool = Executors.newFixedThreadPool(config.parallelism(), r -> {
        Thread t = new Thread(r, "dataknobs-stream-write");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<Outcome>> inFlight = new ArrayList<>();
        long index = 0;
        while (!stopped && source.hasNext() && System.nanoTime() <= deadline) {
          Batch b = next(source, index);
          index += b.records.size();
          inFlight.add(pool.submit(() -> b.write(this)));
          if (inFlight.size() >= config.parallelism()) {
            merge(await(inFlight.remove(0)));
          }
        }
        for (Future<Outcome> f : inFlight) {
          merge(await(f));
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private static Outcome await(Future<Outcome> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    private synchronized void merge(Outcome o) {
      successful += o.successful;
      failed += o.failed;
      skipped += o.skipped;
      batches++;
      errors.addAll(o.errors);
      if (o.stop) {
        stopped = true;
      }
    }

    private Batch next(Iterator<Record> source, long firstIndex) {
      List<Record> records = new ArrayList<>(config.batchSize());
      while (records.size() < config.batchSize() && source.hasNext()) {
        Record r = source.next();
        // fix the id now so a per-record retry and error reports use the same one
        records.add(r != null && r.id() == null ? r.withId(Ids.choose(r)) : r);
      }
      return new Batch(firstIndex, records);
    }

    /** Serializes handler calls: a handler need not be thread-safe. */
    synchronized boolean handle(Exception e, Record r) {
      ErrorHandler h = config.onError();
      if (h == null) {
        return false;
      }
      return h.onError(e, r);
    }
  }

  private static final class Outcome {
    long successful;
    long failed;
    long skipped;
    final List<StreamError> errors = new ArrayList<>();
    boolean stop;
  }

  private static final class Batch {
    final long firstIndex;
    final List<Record> records;

    Batch(long firstIndex, List<Record> records) {
      this.firstIndex = firstIndex;
      this.records = records;
    }

    Outcome write(Run run) {
      Outcome o = new Outcome();
      ConflictPolicy policy = run.config.onConflict();
      try {
        if (policy == ConflictPolicy.UPSERT) {
          run.db.upsertBatch(records);
        } else {
          run.db.createBatch(records);
        }
        o.successful = records.size();
        return o;
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException batchFailure) {
        // fall back to one record at a time to find the failures
      }
      for (int i = 0; i < records.size() && !run.stopped; i++) {
        Record r = records.get(i);
        try {
          if (r == null) {
            throw new io.dataknobs.api.RecordValidationException("record", "record must not be null");
          }
          if (policy == ConflictPolicy.UPSERT) {
            run.db.upsert(r);
          } else {
            run.db.create(r);
          }
          o.successful++;
        } catch (DuplicateRecordException e) {
          if (policy == ConflictPolicy.SKIP) {
            o.skipped++;
          } else if (fail(run, o, i, r, e)) {
            return o;
          }
        } catch (IllegalStateException e) {
          throw e;
        } catch (RuntimeException e) {
          if (fail(run, o, i, r, e)) {
            return o;
          }
        }
      }
      return o;
    }

    /** @return true if the write must stop */
    private boolean fail(Run run, Outcome o, int i, Record r, RuntimeException e) {
      o.failed++;
      o.errors.add(new StreamError(firstIndex + i, r == null ? null : r.id(), String.valueOf(e.getMessage()),
          e.getClass().getSimpleName()));
      if (!run.handle(e, r)) {
        o.stop = true;
        return true;
      }
      return false;
    }
  }
}

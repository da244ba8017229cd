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
   */
  public record Result(long read, long written, long skipped, long failed, List<StreamError> errors, Duration took, Stop stop,
      RuntimeException cause) {
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
    long started = System.nanoTime();
    long skip = checkpoint == null ? 0 : checkpoint.copied();
    long read = 0;
    long written = 0;
    long skipped = 0;
    long failed = 0;
    List<StreamError> errors = new ArrayList<>();
    Stop stop = Stop.NONE;
    RuntimeException cause = null;
    progress.start("copy", total);
    StreamConfig in = StreamConfig.builder().batchSize(batchSize).bufferSize(batchSize).build();
    try (Stream<Record> s = source.streamRead(query, in)) {
      Iterator<Record> it = s.iterator();
      while (read < skip && it.hasNext()) {
        it.next();
        read++;
      }
      progress.at(read);
      boolean resent = skip > 0;
      List<Record> batch = new ArrayList<>(batchSize);
      while (it.hasNext()) {
        if (interrupted.getAsBoolean()) {
          stop = Stop.INTERRUPTED;
          break;
        }
        while (batch.size() < batchSize && it.hasNext()) {
          batch.add(it.next());
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
        batch.clear();
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
      progress.close();
    }
    return new Result(read, written, skipped, failed, errors, Duration.ofNanos(System.nanoTime() - started), stop, cause);
  }
}

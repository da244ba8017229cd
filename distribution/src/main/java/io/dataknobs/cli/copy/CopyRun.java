package io.dataknobs.cli.copy;

import io.dataknobs.api.BackendNotFoundException;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.ReadOnlyDatabaseException;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamError;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.DataknobsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One copy as the tool runs it: opens the source read-only and the target, counts what it will
 * copy where that is cheap, copies with a checkpoint, verifies on request, and prints what
 * happened. Its exit status is one a script can rely on: {@link #OK}, {@link #DIFFERENCES},
 * {@link #BAD_INPUT}, {@link #UNAVAILABLE}, {@link #INTERRUPTED}.
 */
public final class CopyRun {
  /** Every record copied (and verified, if asked). */
  public static final int OK = 0;
  /** Records the target refused, or differences {@code --verify} found. */
  public static final int DIFFERENCES = 1;
  /** Bad usage, configuration or input: nothing to retry until it is fixed. */
  public static final int BAD_INPUT = 2;
  /** The source or target is unavailable: run again with {@code --resume} once it is back. */
  public static final int UNAVAILABLE = 3;
  /** Interrupted (Ctrl-C): run again with {@code --resume}. */
  public static final int INTERRUPTED = 130;

  /** Backends whose count of a query costs about as much as the copy's own read, so none is made. */
  private static final Set<String> NOT_COUNTED = Set.of("file", "s3");
  private static final int SHOWN_ERRORS = 20;

  private final CopyOptions o;
  private final PrintWriter out;
  private final PrintWriter err;
  private final AtomicBoolean interrupted = new AtomicBoolean();

  public CopyRun(CopyOptions options, PrintWriter out, PrintWriter err) {
    this.o = options;
    this.out = out;
    this.err = err;
  }

  /** Stops the copy after the batch in flight (a shutdown hook calls it on Ctrl-C). */
  public void interrupt() {
    interrupted.set(true);
  }

  /** @return the exit status */
  public int run(String sourceText, String targetText) {
    DataknobsConfig config;
    Location source;
    Location target;
    Query query;
    try {
      config = o.config == null ? null : DataknobsConfig.load(o.config);
      source = Location.parse(sourceText, config, System::getenv);
      target = Location.parse(targetText, config, System::getenv);
      query = o.query();
      o.policy();
      o.skipMalformed();
      if (o.batchSize <= 0) {
        throw new IllegalArgumentException("--batch-size must be > 0, got " + o.batchSize);
      }
    } catch (IllegalArgumentException | ConfigurationException e) {
      return fail(BAD_INPUT, e.getMessage());
    }
    DatabaseFactory factory = DatabaseFactory.standard();
    try (Database from = source.open(factory, config, Map.of("read_only", true)); Database to = target.open(factory, config, Map.of())) {
      String key = Checkpoint.key(source, target, query.toMap(), o.onConflict);
      Path file = o.state != null ? o.state : Checkpoint.defaultFile(key);
      Checkpoint checkpoint = Checkpoint.load(file, key);
      if (checkpoint.copied() > 0 && !o.resume) {
        return fail(BAD_INPUT, "an interrupted run of this copy acknowledged " + String.format("%,d", checkpoint.copied())
            + " records (" + file + "): add --resume to continue from there, or delete that file to start over");
      }
      long total = source.backend() != null && NOT_COUNTED.contains(factory.provider(source.backend()).name()) ? -1 : from.count(query);
      Copier.Result r;
      try (Progress progress = Progress.of(new java.io.PrintStream(new WriterOutput(err), true), o.progress, System.console() != null)) {
        r = Copier.copy(from, to, query, o.batchSize, o.policy(), total, checkpoint, progress, interrupted::get, o.skipMalformed());
      }
      if (r.stop() != Copier.Stop.NONE) {
        report(source, target, r, 0);
      }
      if (r.stop() == Copier.Stop.INTERRUPTED) {
        err.println("interrupted: the target acknowledged " + String.format("%,d", r.read()) + " records; run the same command with"
            + " --resume to continue (checkpoint " + file + ")");
        return INTERRUPTED;
      }
      if (r.stop() == Copier.Stop.UNAVAILABLE) {
        err.println("stopped: " + r.cause().getMessage() + "; the target acknowledged " + String.format("%,d", r.read())
            + " records; run the same command with --resume once it is back (checkpoint " + file + ")");
        return UNAVAILABLE;
      }
      checkpoint.delete();
      Verifier.Verification v = o.verify ? Verifier.verify(from, to, query, Math.min(o.batchSize, 1000)) : null;
      // closing is part of the copy: a file target writes its file then
      long closing = System.nanoTime();
      to.close();
      report(source, target, r, System.nanoTime() - closing);
      int status = r.failed() > 0 || !r.malformed().isEmpty() ? DIFFERENCES : OK;
      if (v != null) {
        out.printf("verify: %,d source records, %,d in the target in all; %,d missing, %,d different; digest %s (source) %s (target)%n",
            v.sourceCount(), v.targetCount(), v.missing(), v.different(), v.sourceDigest(), v.targetDigest());
        if (!v.ok()) {
          out.println("verify: ids that differ: " + String.join(", ", v.ids()) + (v.missing() + v.different() > v.ids().size() ? ", …" : ""));
          status = DIFFERENCES;
        }
      }
      out.flush();
      return status;
    } catch (IllegalArgumentException | ConfigurationException | BackendNotFoundException | ReadOnlyDatabaseException e) {
      return fail(BAD_INPUT, e.getMessage());
    } catch (BackendUnavailableException e) {
      return fail(UNAVAILABLE, e.getMessage() + "; run the same command with --resume once it is back");
    } catch (DataknobsException e) {
      return fail(BAD_INPUT, e.getMessage());
    } catch (IOException e) {
      return fail(BAD_INPUT, "checkpoint: " + e.getMessage());
    }
  }

  /** @param closingNanos how long closing the target took (a file target writes its file then), counted in the time */
  private void report(Location source, Location target, Copier.Result r, long closingNanos) {
    double seconds = (r.took().toNanos() + closingNanos) / 1e9;
    out.printf("copy %s -> %s: %,d read, %,d written, %,d skipped, %,d failed in %.1f s (%,.0f records/s)%n", source, target, r.read(),
        r.written(), r.skipped(), r.failed(), seconds, (r.written() + r.skipped() + r.failed()) / Math.max(1e-9, seconds));
    int shown = 0;
    for (StreamError e : r.errors()) {
      if (shown++ == SHOWN_ERRORS) {
        out.printf("failed: … and %,d more%n", r.errors().size() - SHOWN_ERRORS);
        break;
      }
      out.printf("failed: record %,d (id %s): %s%n", e.index() + 1, e.id(), e.message());
    }
    if (!r.malformed().isEmpty()) {
      out.printf("left out %,d malformed rows of the source:%n", r.malformed().size());
      r.malformed().stream().limit(SHOWN_ERRORS).forEach(m -> out.println("malformed: " + m));
    }
    out.flush();
  }

  private int fail(int status, String message) {
    err.println("error: " + message);
    err.flush();
    return status;
  }

  /** Lets the progress library write to the command's error writer. */
  private static final class WriterOutput extends java.io.OutputStream {
    private final PrintWriter w;

    WriterOutput(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      w.flush();
    }
  }
}

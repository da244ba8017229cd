package io.dataknobs.cli.copy;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far a long task is: on a terminal a progress bar with rate and time left (the
 * {@code progressbar} library), otherwise a plain line every few seconds that a log keeps, or
 * nothing at all.
 */
public interface Progress extends AutoCloseable {
  /** Starts a task of {@code total} units ({@code -1} when unknown). */
  void start(String task, long total);

  /** Records that {@code done} units are done in all. */
  void at(long done);

  /** Ends the task (the bar is left as it ended). */
  @Override
  void close();

  /** @return a bar on a terminal, plain lines otherwise, or nothing when {@code enabled} is false */
  static Progress of(PrintStream out, Boolean enabled, boolean terminal) {
    if (Boolean.FALSE.equals(enabled)) {
      return new Progress() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void at(long done) {}

        @Override
        public void close() {}
      };
    }
    return terminal ? new Bar(out) : new Lines(out, Duration.ofSeconds(5));
  }

  /** A progress bar on the terminal. */
  final class Bar implements Progress {
    private final PrintStream out;
    private ProgressBar bar;

    Bar(PrintStream out) {
      this.out = out;
    }

    @Override
    public void start(String task, long total) {
      close();
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" records", 1).showSpeed()
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void at(long done) {
      if (bar != null) {
        bar.stepTo(done);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }

  /** A line every {@code every}: what is done, of how much, at what rate, how long is left. */
  final class Lines implements Progress {
    private final PrintStream out;
    private final long everyNanos;
    private String task = "";
    private long total;
    private long started;
    private long lastLine;
    private long done;

    Lines(PrintStream out, Duration every) {
      this.out = out;
      this.everyNanos = every.toNanos();
    }

    @Override
    public void start(String task, long total) {
      this.task = task;
      this.total = total;
      this.started = System.nanoTime();
      this.lastLine = started;
      this.done = 0;
    }

    @Override
    public void at(long done) {
      this.done = done;
      long now = System.nanoTime();
      if (now - lastLine >= everyNanos) {
        lastLine = now;
        out.println(line(now));
        out.flush();
      }
    }

    String line(long now) {
      double seconds = Math.max(1e-9, (now - started) / 1e9);
      double rate = done / seconds;
      StringBuilder sb = new StringBuilder(task).append(": ").append(String.format("%,d", done));
      if (total > 0) {
        sb.append(" of ").append(String.format("%,d (%d%%)", total, 100 * done / total));
      }
      sb.append(String.format(", %,.0f records/s", rate));
      if (total > 0 && rate > 0 && done < total) {
        sb.append(String.format(", about %ds left", (long) ((total - done) / rate)));
      }
      return sb.toString();
    }

    @Override
    public void close() {}
  }
}

package io.dataknobs.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean enabled;
  private String label = "";
  private long total = 1;
  private long lastDraw;

  ProgressBar(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  void start(String label, long total) {
    this.label = label;
    this.total = Math.max(1, total);
    this.lastDraw = 0;
    update(0);
  }

  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    out.printf("\r%-20s [%s%s] %3d%%", label, "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * Math.min(done, total) / total);
    out.flush();
  }

  void finish() {
    if (enabled) {
      out.print("\r" + " ".repeat(WIDTH + 30) + "\r");
      out.flush();
    }
  }
}

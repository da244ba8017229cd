package io.dataknobs.cli.copy;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code copy}, {@code import} and {@code export}: one {@link CopyRun} each, stopped cleanly by Ctrl-C. */
public final class CopyCommands {
  private CopyCommands() {}

  static final String EXIT_CODES = "Exit status: 0 copied (and verified), 1 records refused or --verify found differences,"
      + " 2 bad usage, configuration or input, 3 source or target unavailable (run again with --resume), 130 interrupted"
      + " (run again with --resume).";

  /** Runs a copy; on Ctrl-C the batch in flight finishes and is recorded before the process ends. */
  static int run(CommandSpec spec, CopyOptions options, String source, String target) {
    CopyRun run = new CopyRun(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      run.interrupt();
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "dataknobs-copy-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run.run(source, target);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook is running and lets the process end now
      }
    }
  }

  /** What the three commands share: the options, and running the copy their two locations name. */
  abstract static class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CopyOptions options;

    abstract String source();

    abstract String target();

    @Override
    public Integer call() {
      return run(spec, options, source(), target());
    }

    /** @return {@code name} as a file location, unless it names a backend or scheme itself */
    static String file(String name) {
      return name.contains(":") ? name : "file:" + name;
    }
  }

  /** {@code dataknobs copy SOURCE TARGET}. */
  @Command(name = "copy", mixinStandardHelpOptions = true,
      description = {"Copy records from SOURCE to TARGET through streamRead and streamWrite, in batches, with a checkpoint per batch.",
          "SOURCE and TARGET: sqlite:app.db, duckdb:a.duckdb, file:orders.csv (or a file name: orders.csv, out.jsonl, out.parquet),",
          "postgresql://user@host/db?table=orders, s3://bucket/prefix, http://host:9200/index, memory:, or an entry of --config.",
          "?key=value adds configuration keys; passwords come from PGPASSWORD, ELASTIC_PASSWORD, ELASTIC_API_KEY or --config."},
      footer = EXIT_CODES)
  public static final class Copy extends Base {
    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET")
    String target;

    @Override
    String source() {
      return source;
    }

    @Override
    String target() {
      return target;
    }
  }

  /** {@code dataknobs import FILE TARGET}. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Copy the records of a file (JSON Lines, CSV, Parquet; format by extension) into TARGET; see copy."}, footer = EXIT_CODES)
  public static final class Import extends Base {
    @Parameters(index = "0", paramLabel = "FILE")
    String file;

    @Parameters(index = "1", paramLabel = "TARGET")
    String target;

    @Override
    String source() {
      return file(file);
    }

    @Override
    String target() {
      return target;
    }
  }

  /** {@code dataknobs export SOURCE FILE}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Copy the records of SOURCE into a file (JSON Lines, CSV, Parquet; format by extension); see copy."}, footer = EXIT_CODES)
  public static final class Export extends Base {
    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    @Override
    String source() {
      return source;
    }

    @Override
    String target() {
      return file(file);
    }
  }
}

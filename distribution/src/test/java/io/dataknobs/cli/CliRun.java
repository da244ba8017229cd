package io.dataknobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the tool's command line in-process, as the tests of its commands do, and reads a copy's checkpoint. */
public final class CliRun {
  private CliRun() {}

  /** Runs {@code args} with standard output and error written to {@code out} and {@code err} (emptied first). */
  public static int run(StringWriter out, StringWriter err, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    picocli.CommandLine cl = Dataknobs.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** @return the records a copy's checkpoint says are done, or -1 while it cannot be read (being written) */
  public static long copied(Path checkpoint) {
    try {
      return ((Number) new com.fasterxml.jackson.databind.ObjectMapper().readValue(checkpoint.toFile(), Map.class).get("copied")).longValue();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}

package io.dataknobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dataknobs} command line tool. */
@Command(name = "dataknobs", mixinStandardHelpOptions = true, versionProvider = Dataknobs.Version.class,
    description = "One record/query API over memory, SQLite, DuckDB, PostgreSQL, Elasticsearch, S3 and files.",
    subcommands = {BackendsCommand.class, BenchCommand.class, ContainerCommand.class, io.dataknobs.cli.copy.CopyCommands.Copy.class,
        io.dataknobs.cli.copy.CopyCommands.Import.class, io.dataknobs.cli.copy.CopyCommands.Export.class,
        io.dataknobs.cli.query.QueryCommands.QueryCommand.class, io.dataknobs.cli.query.QueryCommands.CountCommand.class,
        io.dataknobs.cli.query.QueryCommands.GetCommand.class, CommandLine.HelpCommand.class})
public final class Dataknobs {

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** @return the configured command line (also used by tests) */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Dataknobs());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
      return 2;
    });
    return cl;
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Dataknobs.class.getPackage().getImplementationVersion();
      return new String[] {"dataknobs " + (v == null ? "(development build)" : v) + " on Java "
          + System.getProperty("java.version")};
    }
  }
}

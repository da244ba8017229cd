package io.dataknobs.cli.query;

import io.dataknobs.api.Database;
import io.dataknobs.api.DataknobsException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.cli.copy.CopyRun;
import io.dataknobs.cli.copy.Location;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.DataknobsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code query}, {@code count} and {@code get}: look at records without writing Java. */
public final class QueryCommands {
  private QueryCommands() {}

  private static final int SAMPLE = 200;

  /** Opens SOURCE read-only, runs {@code work}, and turns failures into a message and an exit status. */
  private static int withSource(CommandSpec spec, Path configFile, String source, Work work) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      DataknobsConfig config = configFile == null ? null : DataknobsConfig.load(configFile);
      Location at = Location.parse(source, config, System::getenv);
      try (Database db = at.open(DatabaseFactory.standard(), config, Map.of("read_only", true))) {
        return work.run(db);
      }
    } catch (io.dataknobs.api.BackendUnavailableException e) {
      err.println("error: " + e.getMessage());
      return CopyRun.UNAVAILABLE;
    } catch (IllegalArgumentException | DataknobsException e) {
      err.println("error: " + e.getMessage());
      return CopyRun.BAD_INPUT;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return CopyRun.BAD_INPUT;
    } finally {
      err.flush();
    }
  }

  private interface Work {
    int run(Database db) throws IOException;
  }

  /**
   * @throws IllegalArgumentException if a field the options name is in none of the first records
   *     (a typo), naming the nearest field there is
   */
  static void checkFields(Database db, Set<String> named) {
    if (named.isEmpty()) {
      return;
    }
    Set<String> known = new LinkedHashSet<>();
    for (Record r : db.search(Query.all().limit(SAMPLE))) {
      known.addAll(r.data().keySet());
    }
    if (known.isEmpty()) {
      return;
    }
    for (String f : named) {
      if (!known.contains(f)) {
        String near = io.dataknobs.core.config.ConfigValidator.nearest(f, known);
        throw new IllegalArgumentException("no record has a field '" + f + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
            + " Fields of the first records: " + known);
      }
    }
  }

  /** Prints records as a table, or as JSON Lines or CSV exactly as the file backend writes them. */
  static void print(List<Record> records, String format, PrintWriter out) throws IOException {
    if (format.equals("table")) {
      out.print(RecordTable.render(records));
      out.flush();
      return;
    }
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format is table, jsonl or csv, got '" + format + "'");
    }
    Path dir = Files.createTempDirectory("dataknobs-out");
    Path file = dir.resolve("out." + format);
    try {
      try (Database f = DatabaseFactory.standard().open("file", Map.of("path", file.toString()))) {
        f.createBatch(records);
      }
      for (String line : Files.readAllLines(file)) {
        out.println(line);
      }
      out.flush();
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  static String defaultFormat(String given) {
    return given != null ? given : System.console() != null ? "table" : "jsonl";
  }

  /** What query and count share: a source and the query options that select from it. */
  abstract static class FilteredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    QueryOptions options;

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;
  }

  /** {@code dataknobs query SOURCE}. */
  @Command(name = "query", mixinStandardHelpOptions = true, description = {"Print the records of SOURCE a query selects.",
      "SOURCE as for copy: sqlite:app.db, orders.csv, postgresql://user@host/db?table=t, an entry of --config, …"},
      footer = "Exit status: 0 done, 2 bad usage or input (a field no record has, an unknown operator), 3 unavailable.")
  public static final class QueryCommand extends FilteredCommand {

    @Option(names = "--format", paramLabel = "table|jsonl|csv", description = "Output (default: a table on a terminal, JSON Lines otherwise).")
    String format;

    @Option(names = "--json", description = "Print the canonical query map (for --query, or Query.fromMap) instead of running it.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (json) {
        try {
          spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(options.query().toMap()));
          spec.commandLine().getOut().flush();
          return 0;
        } catch (IllegalArgumentException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          spec.commandLine().getErr().flush();
          return CopyRun.BAD_INPUT;
        }
      }
      return withSource(spec, options.config, source, db -> {
        Query q = options.query();
        checkFields(db, options.fieldsNamed());
        print(db.search(q), defaultFormat(format), spec.commandLine().getOut());
        return 0;
      });
    }
  }

  /** {@code dataknobs count SOURCE}. */
  @Command(name = "count", mixinStandardHelpOptions = true, description = "Print how many records of SOURCE a query selects (see query).")
  public static final class CountCommand extends FilteredCommand {

    @Override
    public Integer call() {
      return withSource(spec, options.config, source, db -> {
        Query q = options.query();
        checkFields(db, options.fieldsNamed());
        spec.commandLine().getOut().println(db.count(q));
        spec.commandLine().getOut().flush();
        return 0;
      });
    }
  }

  /** {@code dataknobs get SOURCE ID...}. */
  @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the records of SOURCE with these ids, in order.",
      footer = "Exit status: 0 every id found, 1 some not found (named on stderr), 2 bad input, 3 unavailable.")
  public static final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML file with a 'databases' section: SOURCE may name its entries.")
    Path config;

    @Option(names = "--format", paramLabel = "table|jsonl|csv", description = "Output (default: a table on a terminal, JSON Lines otherwise).")
    String format;

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1..*", paramLabel = "ID", arity = "1..*")
    List<String> ids;

    @Override
    public Integer call() {
      return withSource(spec, config, source, db -> {
        List<Record> found = new ArrayList<>();
        List<Optional<Record>> read = db.readBatch(ids);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          if (read.get(i).isPresent()) {
            found.add(read.get(i).get());
          } else {
            missing.add(ids.get(i));
          }
        }
        print(found, defaultFormat(format), spec.commandLine().getOut());
        if (!missing.isEmpty()) {
          spec.commandLine().getErr().println("not found: " + String.join(", ", missing));
          return CopyRun.DIFFERENCES;
        }
        return 0;
      });
    }
  }
}

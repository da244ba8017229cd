package io.dataknobs.cli;

import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.DataknobsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dataknobs bench}: the performance guide's write/read comparison on one backend, or on
 * several side by side ({@code --backend sqlite,duckdb}), optionally drawn as a chart.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Compare individual creates, createBatch(100), createBatch(500) and streamWrite, then readBatch,",
        "search(limit=100), aggregates, counts and searches pushed down, printed as Method | Records | Time | Records/sec.",
        "With several backends (--backend sqlite,duckdb) the same workload runs on each, printed side by side."})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-b", "--backend"}, defaultValue = "memory", split = ",",
      description = "Backend name or alias, or several separated by commas (default: ${DEFAULT-VALUE}).")
  List<String> backends;

  @Option(names = "--chart", paramLabel = "FILE",
      description = "Also draw records/s per row and backend, raw rows beside them, as a PNG image.")
  Path chart;

  @Option(names = {"-n", "--records"}, defaultValue = "10000", description = "Records per bulk workload (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(names = "--single-records", defaultValue = "10000",
      description = "At most this many records for the record-at-a-time create row (default: ${DEFAULT-VALUE}).")
  int singleRecords;

  @Option(names = "--searches", defaultValue = "200", description = "Number of limited searches (default: ${DEFAULT-VALUE}).")
  int searches;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "YAML file with a 'databases' section; the entry named by --database (default: the backend) is opened.")
  Path config;

  @Option(names = "--database", paramLabel = "NAME", description = "Entry of --config to open.")
  String database;

  @Option(names = "--url", paramLabel = "URL",
      description = "Server to bench (backends with a 'url' key, e.g. postgres: postgresql://user:pass@host:5432/db).")
  String url;

  @Option(names = "--reopen", description = {"Close and reopen the database after the write rows, so the reads and queries see the",
      "stored records as an application opening them does (needs a database that keeps its records: a path or a server)."})
  boolean reopen;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when run in a terminal).")
  Boolean showProgress;

  @Override
  public Integer call() {
    if (records <= 0 || singleRecords <= 0 || searches <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--records, --single-records and --searches must be > 0");
    }
    if (backends.size() > 1 && database != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--database names one entry; with several backends each opens the --config entry of its own name");
    }
    if (chart != null && !chart.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chart writes a PNG image: name the file *.png, got " + chart);
    }
    DatabaseFactory factory = DatabaseFactory.standard();
    if (reopen && config == null && backends.stream().anyMatch(b -> !factory.provider(b).configSpec().acceptedNames().contains("url"))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--reopen needs a database that keeps its records when closed: an embedded backend opened without --config is in memory"
              + " (give it a path in a --config file)");
    }
    List<String> names = backends.stream().map(b -> config != null ? b : factory.provider(b).name()).toList();
    boolean progress = showProgress != null ? showProgress : System.console() != null && !json;
    List<BenchReport> reports = new java.util.ArrayList<>();
    for (String backend : names) {
      reports.add(run(factory, backend, progress));
    }
    String text;
    if (reports.size() == 1) {
      text = json ? reports.get(0).json() + System.lineSeparator() : reports.get(0).table();
    } else {
      BenchComparison comparison = new BenchComparison(records, reports);
      text = json ? comparison.json() + System.lineSeparator() : comparison.table();
    }
    if (chart != null) {
      BenchChart.write(chart, records, reports);
    }
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Opens {@code backend} (a backend, or an entry of --config) and runs the bench on it. */
  private BenchReport run(DatabaseFactory factory, String backend, boolean progress) {
    String name;
    java.util.function.Supplier<Database> open;
    Map<String, Object> settings = new java.util.LinkedHashMap<>();
    if (config != null) {
      DataknobsConfig cfg = DataknobsConfig.load(config);
      String entry = database != null ? database : backend;
      name = cfg.database(entry).backend();
      settings.putAll(cfg.database(entry).values());
      settings.remove("backend");
      if (url != null) {
        settings.put("url", url);
      }
      String backendName = name;
      open = url != null ? () -> factory.open(backendName, settings) : () -> cfg.open(entry, factory);
    } else {
      name = factory.provider(backend).name();
      // with several backends, --url goes to those that take one
      if (url != null && (backends.size() == 1 || factory.provider(backend).configSpec().acceptedNames().contains("url"))) {
        settings.put("url", url);
      }
      open = () -> factory.open(backend, settings);
    }
    List<BenchRow> rows = new Bench(open, reopen, records, singleRecords, searches,
        io.dataknobs.cli.copy.Progress.of(System.err, progress ? null : Boolean.FALSE, System.console() != null),
        RawBaseline.forBackend(name, settings).orElse(null)).run();
    return new BenchReport(name, records, rows);
  }
}

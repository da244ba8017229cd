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

/** {@code dataknobs bench}: the performance guide's write/read comparison on one backend. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Compare individual creates, createBatch(100), createBatch(500) and streamWrite, then readBatch,",
        "search(limit=100) and aggregate(groupBy), printed as Method | Records | Time | Records/sec."})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-b", "--backend"}, defaultValue = "memory", description = "Backend name or alias (default: ${DEFAULT-VALUE}).")
  String backend;

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

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when run in a terminal).")
  Boolean showProgress;

  @Override
  public Integer call() {
    if (records <= 0 || singleRecords <= 0 || searches <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--records, --single-records and --searches must be > 0");
    }
    DatabaseFactory factory = DatabaseFactory.standard();
    String name;
    Database db;
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
      db = url != null ? factory.open(name, settings) : cfg.open(entry, factory);
    } else {
      name = factory.provider(backend).name();
      if (url != null) {
        settings.put("url", url);
      }
      db = factory.open(backend, settings);
    }
    boolean progress = showProgress != null ? showProgress : System.console() != null && !json;
    List<BenchRow> rows;
    try (Database d = db) {
      rows = new Bench(d, records, singleRecords, searches, new ProgressBar(System.err, progress),
          RawBaseline.forBackend(name, settings).orElse(null)).run();
    }
    BenchReport report = new BenchReport(name, records, rows);
    spec.commandLine().getOut().print(json ? report.json() + System.lineSeparator() : report.table());
    spec.commandLine().getOut().flush();
    return 0;
  }
}

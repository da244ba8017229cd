package io.dataknobs.backend.file;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code file} backend: records in a JSON Lines, CSV or Parquet file. */
@ServiceProvider(BackendProvider.class)
public final class FileBackendProvider implements BackendProvider {
  /** The formats this version reads and writes. */
  static final List<String> FORMATS = List.of("jsonl", "csv", "parquet");

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add(ConfigKey.of("path", ConfigType.STRING, "the file (created when missing unless read_only), or a directory of files of"
          + " one format read as one (read_only)").asRequired())
      .add("format", ConfigType.STRING, "", "jsonl (JSON Lines, one record per line), csv (a header row, then one row per"
          + " record) or parquet (typed columns; needs DuckDB's JDBC driver); default: from the file's extension (.csv, .tsv: csv;"
          + " .parquet: parquet; else jsonl)")
      .add("delimiter", ConfigType.STRING, "", "csv: the cell separator (default: a tab for .tsv files, else a comma)")
      .add("columns", ConfigType.MAP, java.util.Map.of(), "csv, parquet: columns declared a type for every row (string, integer,"
          + " number, boolean, instant, date, json); the others are read as what their text (csv) or column type (parquet) says")
      .add("read_only", ConfigType.BOOLEAN, false, "never write the file or its journal")
      .add("compact_bytes", ConfigType.SIZE, 64L << 20, "fold the journal into the file once it is larger than this and holds"
          + " more changes than the file has records (and always on close)")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public FileBackendProvider() {}

  @Override
  public String name() {
    return "file";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("jsonl");
  }

  @Override
  public String description() {
    return "records in a JSON Lines, CSV or Parquet file; writes durable when they return, compacted on close";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    String path = config.getString("path");
    if (path == null || path.isBlank()) {
      throw new ConfigurationException("path", "'path' names the file, e.g. path: orders.jsonl");
    }
    boolean readOnly = config.getBoolean("read_only", false);
    java.util.function.Function<Path, StoredFile> format;
    if (java.nio.file.Files.isDirectory(Path.of(path))) {
      List<Path> parts = parts(Path.of(path), config.getString("format"), readOnly);
      java.util.function.Function<Path, StoredFile> part = formatOf(config, format(config.getString("format"), parts.get(0).toString()),
          parts.get(0).toString());
      format = p -> new DirectoryFile(p, parts, part);
    } else {
      format = formatOf(config, format(config.getString("format"), path), path);
    }
    long compact = config.getLong("compact_bytes", 64L << 20);
    if (compact <= 0) {
      throw new ConfigurationException("compact_bytes", "'compact_bytes' must be positive, got " + compact);
    }
    return new FileDatabase(new FileSettings(Path.of(path), format, readOnly, compact));
  }

  private static java.util.function.Function<Path, StoredFile> formatOf(BackendConfig config, String name, String path) {
    return switch (name) {
      case "csv" -> {
        CsvFormat csv = csv(config, path);
        yield p -> new DataFile(p, csv);
      }
      case "parquet" -> ParquetFile.opener(declared(config));
      default -> p -> new DataFile(p, JsonLinesFormat.INSTANCE);
    };
  }

  /**
   * @return the part files of a directory opened as one database: those of the format given, or
   *     of the one format their extensions name, in name order (other files, such as {@code _SUCCESS}, are left alone)
   */
  private static List<Path> parts(Path dir, String given, boolean readOnly) {
    if (!readOnly) {
      throw new ConfigurationException("read_only", dir + " is a directory: a directory of files opens read-only (add read_only:"
          + " true), or give one file to write");
    }
    java.util.Map<String, List<Path>> byFormat = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      files.filter(java.nio.file.Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
          .forEach(f -> {
            String ext = extensionFormat(f.getFileName().toString());
            if (ext != null) {
              byFormat.computeIfAbsent(ext, k -> new java.util.ArrayList<>()).add(f);
            }
          });
    } catch (java.io.IOException e) {
      throw new ConfigurationException("path", "cannot list the directory " + dir + ": " + e.getMessage() + "; check its permissions");
    }
    String wanted = given == null || given.isBlank() ? null : format(given, "");
    if (wanted == null && byFormat.size() > 1) {
      throw new ConfigurationException("format", "the directory " + dir + " holds files of several formats " + byFormat.keySet()
          + "; say which to read with format");
    }
    List<Path> parts = wanted != null ? byFormat.getOrDefault(wanted, List.of()) : byFormat.values().stream().findFirst().orElse(List.of());
    if (parts.isEmpty()) {
      throw new ConfigurationException("path", "the directory " + dir + " holds no " + (wanted != null ? wanted : "JSON Lines, CSV or"
          + " Parquet") + " files (by their extensions: .jsonl, .ndjson, .json, .csv, .tsv, .parquet)");
    }
    return List.copyOf(parts);
  }

  /** @return the format a file's extension names, or null for none */
  private static String extensionFormat(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".tsv") ? "csv" : n.endsWith(".parquet") ? "parquet"
        : n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") ? "jsonl" : null;
  }

  private static CsvFormat csv(BackendConfig config, String path) {
    String d = config.getString("delimiter");
    if (d == null || d.isEmpty()) {
      d = path.toLowerCase(Locale.ROOT).endsWith(".tsv") ? "\t" : ",";
    }
    if (d.equals("\\t")) {
      d = "\t";
    }
    if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r') {
      throw new ConfigurationException("delimiter", "'delimiter' must be one character other than a quote or a newline, got '" + d + "'");
    }
    return new CsvFormat(d.charAt(0), declared(config));
  }

  /** @return the column types the configuration declares */
  private static java.util.Map<String, String> declared(BackendConfig config) {
    java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
    config.getMap("columns").forEach((column, type) -> {
      String t = String.valueOf(type).toLowerCase(Locale.ROOT);
      if (!CsvCells.TYPES.contains(t)) {
        throw new ConfigurationException("columns", "'columns': column '" + column + "' is declared '" + type + "'; a column type is one of "
            + CsvCells.TYPES);
      }
      declared.put(column, t);
    });
    return declared;
  }

  /** @return the format named, or the one the extension names */
  static String format(String given, String path) {
    String f = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
    if (f.isEmpty()) {
      String name = path.toLowerCase(Locale.ROOT);
      return name.endsWith(".csv") || name.endsWith(".tsv") ? "csv" : name.endsWith(".parquet") ? "parquet" : "jsonl";
    }
    if (f.equals("json") || f.equals("ndjson") || f.equals("jsonlines")) {
      return "jsonl";
    }
    if (!FORMATS.contains(f)) {
      throw new ConfigurationException("format", "unknown format '" + given + "'; this version reads " + FORMATS);
    }
    return f;
  }
}

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

/** The {@code file} backend: records in a JSON Lines file. */
@ServiceProvider(BackendProvider.class)
public final class FileBackendProvider implements BackendProvider {
  /** The formats this version reads and writes. */
  static final List<String> FORMATS = List.of("jsonl");

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add(ConfigKey.of("path", ConfigType.STRING, "the file (created when missing unless read_only)").asRequired())
      .add("format", ConfigType.STRING, "", "jsonl (JSON Lines, one record per line); default: from the file's extension"
          + " (.jsonl, .ndjson, .json), else jsonl")
      .add("read_only", ConfigType.BOOLEAN, false, "never write the file or its journal")
      .add("compact_bytes", ConfigType.SIZE, 64L << 20, "fold the journal into the file once it is larger than this and than"
          + " the file (and always on close)")
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
    return "records in a JSON Lines file; writes durable when they return, compacted on close";
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
    format(config.getString("format"), path);
    long compact = config.getLong("compact_bytes", 64L << 20);
    if (compact <= 0) {
      throw new ConfigurationException("compact_bytes", "'compact_bytes' must be positive, got " + compact);
    }
    return new FileDatabase(new FileSettings(Path.of(path), config.getBoolean("read_only", false), compact));
  }

  /** @return the format named, or the one the extension names */
  static String format(String given, String path) {
    String f = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
    if (f.isEmpty()) {
      String name = path.toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv") || name.endsWith(".parquet")) {
        throw new ConfigurationException("format", "the file " + path + " is " + name.substring(name.lastIndexOf('.') + 1)
            + " (the format its extension names), which this version of the file backend does not read yet; it reads "
            + FORMATS + " (set format: jsonl for a JSON Lines file of another name)");
      }
      return "jsonl";
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

package io.dataknobs.backend.duckdb;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.core.sql.SqlBackends;
import io.dataknobs.core.sql.TableNames;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBDriver;

/** The {@code duckdb} backend (alias {@code duck}). */
@ServiceProvider(BackendProvider.class)
public final class DuckDbBackendProvider implements BackendProvider {
  /** Typed columns are five per field: enough for records of one shape, bounded for records with ever new keys. */
  private static final int TYPED_FIELDS = 64;

  private static final ConfigSpec SPEC = SqlBackends.commonKeys()
      .add("threads", ConfigType.INT, null, "worker threads DuckDB may use (default: all cores)")
      .add("memory_limit", ConfigType.STRING, null, "DuckDB's memory limit, e.g. 1GB (default: 80% of RAM)")
      .add("typed_fields", ConfigType.INT, TYPED_FIELDS, "top-level fields given typed columns that queries scan instead of"
          + " the JSON, first seen first (0: add none)")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public DuckDbBackendProvider() {}

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("duck");
  }

  @Override
  public String description() {
    return "DuckDB file or :memory: database; Appender bulk writes, aggregations pushed down";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    String path = config.getString("path");
    String table = TableNames.check(config.getString("table"));
    boolean memory = SqlBackends.isMemory(path);
    boolean readOnly = config.getBoolean("read_only", false);
    Properties props = new Properties();
    // stream query results chunk by chunk instead of materializing them (bounded streamRead)
    props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
    if (readOnly && !memory) {
      props.setProperty("access_mode", "READ_ONLY");
    }
    if (config.has("threads") && config.getInt("threads", 1) < 1) {
      throw new io.dataknobs.api.ConfigurationException("threads", "configuration key 'threads' must be at least 1, got "
          + config.getInt("threads", 1));
    }
    if (config.has("threads")) {
      props.setProperty("threads", String.valueOf(config.getInt("threads", 1)));
    }
    if (config.has("memory_limit")) {
      props.setProperty("memory_limit", config.getString("memory_limit"));
    }
    Connection c;
    try {
      // the driver class directly, not DriverManager: this works inside OSGi as well
      c = new DuckDBDriver().connect(memory ? "jdbc:duckdb:" : "jdbc:duckdb:" + path, props);
    } catch (SQLException e) {
      throw openFailure(path, e);
    }
    return SqlBackends.openOrClose(c, conn -> new DuckDbDatabase(table, conn, !memory, readOnly, SqlBackends.indexes(config),
        config.getInt("read_connections", 4), typedFields(config)));
  }

  private static int typedFields(BackendConfig config) {
    int n = config.getInt("typed_fields", TYPED_FIELDS);
    if (n < 0) {
      throw new io.dataknobs.api.ConfigurationException("typed_fields", "configuration key 'typed_fields' must be 0 or more, got " + n);
    }
    return n;
  }

  private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile("configuration option \"(\\w+)\"");

  /**
   * Why DuckDB would not open: a setting it refused names its key; a lock held by another
   * process may pass; anything else about opening a file is the path's doing.
   */
  static RuntimeException openFailure(String path, SQLException e) {
    String m = "cannot open DuckDB database '" + path + "': " + e.getMessage();
    java.util.regex.Matcher option = OPTION.matcher(String.valueOf(e.getMessage()));
    if (option.find()) {
      return new io.dataknobs.api.ConfigurationException(option.group(1), "configuration key '" + option.group(1) + "': " + m,
          java.util.List.of(), e);
    }
    if (String.valueOf(e.getMessage()).contains("lock") || DuckDbDialect.INSTANCE.classify(e) == io.dataknobs.core.base.EngineFailure.TRANSIENT) {
      return new BackendUnavailableException(m, e);
    }
    return new io.dataknobs.api.ConfigurationException("path", "configuration key 'path': " + m + "; check that its folder exists and is writable",
        java.util.List.of(), e);
  }
}

package io.dataknobs.backend.sqlite;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.sql.EmbeddedConnections;
import io.dataknobs.core.sql.SqlBackends;
import io.dataknobs.core.sql.TableNames;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;

/** The {@code sqlite} backend (alias {@code sqlite3}). */
@ServiceProvider(BackendProvider.class)
public final class SqliteBackendProvider implements BackendProvider {
  private static final Set<String> JOURNAL_MODES = Set.of("DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF");
  private static final Set<String> SYNCHRONOUS = Set.of("OFF", "NORMAL", "FULL", "EXTRA");
  private static final ConfigSpec SPEC = SqlBackends.commonKeys()
      .add("journal_mode", ConfigType.STRING, "WAL", "DELETE, TRUNCATE, PERSIST, MEMORY, WAL or OFF (file databases)")
      .add("synchronous", ConfigType.STRING, "NORMAL", "OFF, NORMAL, FULL or EXTRA")
      .add("timeout", ConfigType.DURATION, Duration.ofSeconds(5), "how long to wait for a lock held by another connection")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public SqliteBackendProvider() {}

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("sqlite3");
  }

  @Override
  public String description() {
    return "SQLite file or :memory: database; JSON columns, expression indexes, native transactions";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  private static String oneOf(BackendConfig config, String key, Set<String> allowed) {
    String v = config.getString(key).toUpperCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new ConfigurationException(key, "configuration key '" + key + "' must be one of " + new java.util.TreeSet<>(allowed)
          + ", got '" + config.getString(key) + "'");
    }
    return v;
  }

  @Override
  public Database open(BackendConfig config) {
    String path = config.getString("path");
    String table = TableNames.check(config.getString("table"));
    boolean memory = SqlBackends.isMemory(path);
    boolean readOnly = config.getBoolean("read_only", false);
    SQLiteConfig sqlite = new SQLiteConfig();
    String journal = oneOf(config, "journal_mode", JOURNAL_MODES);
    if (!memory) {
      sqlite.setJournalMode(SQLiteConfig.JournalMode.valueOf(journal));
    }
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(oneOf(config, "synchronous", SYNCHRONOUS)));
    sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.getDuration("timeout", Duration.ofSeconds(5)).toMillis()));
    sqlite.setReadOnly(readOnly);
    String url = memory ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + path;
    Connection c;
    try {
      c = connect(sqlite, url);
    } catch (SQLException e) {
      String m = "cannot open SQLite database '" + path + "': " + e.getMessage();
      // busy or locked may pass; anything else about opening a file is the path's doing
      throw SqliteDialect.INSTANCE.classify(e) == io.dataknobs.core.base.EngineFailure.TRANSIENT ? new BackendUnavailableException(m, e)
          : new io.dataknobs.api.ConfigurationException("path", "configuration key 'path': " + m + "; check that its folder exists and is writable",
              java.util.List.of(), e);
    }
    // a :memory: database exists only on its one connection; a file gets read connections
    EmbeddedConnections.ReaderFactory readers = null;
    if (!memory) {
      SQLiteConfig readerConfig = new SQLiteConfig(sqlite.toProperties());
      readerConfig.setReadOnly(true);
      readers = () -> connect(readerConfig, url);
    }
    EmbeddedConnections.ReaderFactory source = readers;
    return SqlBackends.openOrClose(c, conn -> new SqliteDatabase(table, conn, !memory, readOnly, SqlBackends.indexes(config),
        source, config.getInt("read_connections", 4)));
  }

  private static Connection connect(SQLiteConfig config, String url) throws SQLException {
    Connection c = config.createConnection(url);
    Function.create(c, "regexp", new Regexp(), 2, Function.FLAG_DETERMINISTIC);
    return c;
  }

  /** {@code regexp(pattern, text)}: Java's unanchored {@link java.util.regex.Matcher#find()}, as the evaluator. */
  private static final class Regexp extends Function {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    @Override
    protected void xFunc() throws SQLException {
      String pattern = value_text(0);
      String text = value_text(1);
      if (pattern == null || text == null) {
        result(0);
        return;
      }
      if (CACHE.size() > 1000) {
        CACHE.clear();
      }
      result(CACHE.computeIfAbsent(pattern, Pattern::compile).matcher(text).find() ? 1 : 0);
    }
  }
}

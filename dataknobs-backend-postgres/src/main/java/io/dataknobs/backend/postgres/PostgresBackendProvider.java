package io.dataknobs.backend.postgres;

import aQute.bnd.annotation.spi.ServiceProvider;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.core.pool.ConnectionPoolManager;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.sql.SqlBackends;
import io.dataknobs.core.sql.TableNames;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@code postgres} backend (aliases {@code postgresql}, {@code pg}): a table in PostgreSQL
 * on a HikariCP pool shared through {@link ConnectionPoolManager} by every database opened with
 * the same connection settings.
 */
@ServiceProvider(BackendProvider.class)
public final class PostgresBackendProvider implements BackendProvider {
  /** Keys that choose the table rather than the connection: they do not split pools. */
  private static final Set<String> TABLE_KEYS = Set.of("table", "indexes", "read_only", "gin_index", "create_database");

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add("host", ConfigType.STRING, "localhost", "server host")
      .add("port", ConfigType.INT, 5432, "server port")
      .add("database", ConfigType.STRING, "postgres", "database name")
      .add("user", ConfigType.STRING, "postgres", "user name")
      .add(ConfigKey.of("password", ConfigType.STRING, "password").asSecret())
      .add("schema", ConfigType.STRING, "public", "schema holding the table (created when missing)")
      .add("table", ConfigType.STRING, "records", "table holding the records (created when missing)")
      .add("ssl", ConfigType.BOOLEAN, false, "require TLS (sslmode=require)")
      .add(ConfigKey.of("url", ConfigType.STRING, "jdbc:postgresql://… or postgresql://user:pass@host:port/db; "
          + "the environment variable DATABASE_URL is used when neither url nor host is given").withAliases("connection_string")
          .asSecret())
      .add(ConfigKey.of("min_connections", ConfigType.INT, "connections kept open when idle").withDefault(1)
          .withAliases("min_pool_size", "pool.min_size"))
      .add(ConfigKey.of("max_connections", ConfigType.INT, "most connections open at once").withDefault(10)
          .withAliases("max_pool_size", "pool.max_size"))
      .add(ConfigKey.of("connection_timeout", ConfigType.DURATION, "how long a caller waits for a free connection")
          .withDefault(Duration.ofSeconds(30)).withAliases("pool.timeout"))
      .add("command_timeout", ConfigType.DURATION, Duration.ofSeconds(60), "statement timeout on the server (0: none)")
      .add("max_inactive_connection_lifetime", ConfigType.DURATION, Duration.ofSeconds(300),
          "an idle connection above min_connections is closed after this long (at least 10s)")
      .add("max_queries", ConfigType.LONG, 50_000L, "a connection is retired after this many statements (0: never)")
      .add("read_only", ConfigType.BOOLEAN, false, "open read-only: every write is rejected")
      .add("indexes", ConfigType.LIST, List.of(), "fields to give expression indexes, e.g. [status, customer.id]")
      .add("gin_index", ConfigType.BOOLEAN, true, "keep a GIN (jsonb_path_ops) index on the data for equality filters")
      .add("create_database", ConfigType.BOOLEAN, false, "create the database when it does not exist")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public PostgresBackendProvider() {}

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("postgresql", "pg");
  }

  @Override
  public String description() {
    return "PostgreSQL table on a shared HikariCP pool; JSONB queries, COPY bulk writes, native transactions";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    String table = TableNames.check(config.getString("table"));
    String schema = PgSettings.checkSchema(config.getString("schema"));
    PgSettings settings = PgSettings.of(config, System.getenv("DATABASE_URL"));
    BackendConfig identity = identity(config);
    PoolLease<PgPool> lease = ConnectionPoolManager.shared().acquire(PostgresBackendProvider.class.getClassLoader(), identity,
        c -> createPool(settings, config, identity), p -> p.dataSource().close(), PgPool.METRICS);
    try {
      ensureSchema(lease.pool(), schema, config.getBoolean("read_only", false));
      return new PostgresDatabase(table, lease, config.getBoolean("read_only", false), SqlBackends.indexes(config),
          config.getBoolean("gin_index", true));
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static BackendConfig identity(BackendConfig config) {
    Map<String, Object> values = new LinkedHashMap<>(config.values());
    values.keySet().removeAll(TABLE_KEYS);
    return new BackendConfig(config.name(), values, Set.of(), config.spec());
  }

  private static PgPool createPool(PgSettings settings, BackendConfig config, BackendConfig identity) {
    if (config.getBoolean("create_database", false)) {
      settings.createDatabaseIfMissing();
    }
    PGSimpleDataSource pg = settings.dataSource();
    pg.setCurrentSchema(config.getString("schema"));
    pg.setReWriteBatchedInserts(true);
    pg.setApplicationName("dataknobs");
    long statementTimeout = config.getDuration("command_timeout", Duration.ofSeconds(60)).toMillis();
    if (statementTimeout > 0) {
      pg.setOptions("-c statement_timeout=" + statementTimeout);
    }
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(pg);
    hc.setPoolName("dataknobs-postgres-" + settings.describe() + "-" + Integer.toHexString(identity.values().hashCode()));
    int max = Math.max(1, config.getInt("max_connections", 10));
    hc.setMaximumPoolSize(max);
    hc.setMinimumIdle(Math.min(max, Math.max(0, config.getInt("min_connections", 1))));
    hc.setConnectionTimeout(Math.max(250, config.getDuration("connection_timeout", Duration.ofSeconds(30)).toMillis()));
    hc.setIdleTimeout(Math.max(10_000, config.getDuration("max_inactive_connection_lifetime", Duration.ofSeconds(300)).toMillis()));
    try {
      return new PgPool(new HikariDataSource(hc), Math.max(0, config.getLong("max_queries", 50_000L)));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String m = "cannot connect to PostgreSQL at " + settings.describe() + ": " + cause.getMessage();
      String state = cause instanceof java.sql.SQLException sql ? String.valueOf(sql.getSQLState()) : "";
      // the server answered and refused who we are or what we asked for: the configuration's doing
      String key = switch (state) {
        case "28P01" -> "password";
        case "28000" -> "user";
        case "3D000" -> "url";
        default -> null;
      };
      if (key != null) {
        throw new io.dataknobs.api.ConfigurationException(key, "configuration key '" + key + "': " + m, java.util.List.of(), e);
      }
      throw new BackendUnavailableException(m, e);
    }
  }

  private static void ensureSchema(PgPool pool, String schema, boolean readOnly) {
    if (readOnly) {
      return;
    }
    try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + PostgresDialect.INSTANCE.quote(schema));
    } catch (SQLException e) {
      if (!"42P06".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) { // lost a race with another creator
        throw new BackendUnavailableException("cannot create schema '" + schema + "': " + e.getMessage(), e);
      }
    }
  }
}

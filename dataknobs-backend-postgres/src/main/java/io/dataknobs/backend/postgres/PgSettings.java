package io.dataknobs.backend.postgres;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where and as whom to connect: from {@code url} (a JDBC URL or a libpq-style
 * {@code postgresql://user:password@host:port/db?sslmode=…} URI), else from {@code host},
 * {@code port}, {@code database}, {@code user}, {@code password}, {@code ssl}, else from the
 * environment's {@code DATABASE_URL}. Never prints the password.
 */
final class PgSettings {
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final boolean ssl;
  private final String query;

  private PgSettings(String host, int port, String database, String user, String password, boolean ssl, String query) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.ssl = ssl;
    this.query = query;
  }

  static String checkSchema(String schema) {
    if (schema == null || !SCHEMA.matcher(schema).matches()) {
      throw new ConfigurationException("schema", "configuration key 'schema' must be a plain identifier (letters, digits, '_'),"
          + " got '" + schema + "'");
    }
    return schema;
  }

  static PgSettings of(BackendConfig config, String databaseUrlEnv) {
    String user = config.getString("user");
    String password = config.has("password") ? config.getString("password") : null;
    boolean ssl = config.getBoolean("ssl", false);
    String url = config.has("url") ? config.getString("url") : null;
    if (url == null && !config.isGiven("host") && databaseUrlEnv != null && !databaseUrlEnv.isBlank()) {
      url = databaseUrlEnv;
    }
    if (url == null) {
      return new PgSettings(config.getString("host"), config.getInt("port", 5432), config.getString("database"), user, password, ssl,
          null);
    }
    String uri = url.startsWith("jdbc:") ? url.substring(5) : url;
    if (!uri.startsWith("postgresql://") && !uri.startsWith("postgres://")) {
      throw new ConfigurationException("url", "configuration key 'url' must start with jdbc:postgresql://, postgresql:// or"
          + " postgres://");
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      throw new ConfigurationException("url", "configuration key 'url' is not a valid URL (at index " + e.getIndex() + ")");
    }
    String info = u.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0) {
        password = decode(info.substring(colon + 1));
      }
    }
    String path = u.getPath() == null || u.getPath().length() <= 1 ? config.getString("database") : u.getPath().substring(1);
    String q = u.getRawQuery();
    StringBuilder rest = new StringBuilder();
    if (q != null) {
      for (String param : q.split("&")) {
        int eq = param.indexOf('=');
        String k = eq < 0 ? param : param.substring(0, eq);
        String v = eq < 0 ? "" : decode(param.substring(eq + 1));
        if (k.equals("user")) {
          user = v;
        } else if (k.equals("password")) {
          password = v;
        } else if (k.equals("ssl")) {
          ssl = Boolean.parseBoolean(v) || v.isEmpty();
        } else {
          rest.append(rest.length() == 0 ? "" : "&").append(param);
        }
      }
    }
    return new PgSettings(u.getHost() == null ? "localhost" : u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), path, user, password,
        ssl, rest.length() == 0 ? null : rest.toString());
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** @return a data source for these settings, pgjdbc called directly (no DriverManager, so OSGi works) */
  PGSimpleDataSource dataSource() {
    return dataSource(database);
  }

  private PGSimpleDataSource dataSource(String db) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    if (query != null) {
      // extra driver parameters from the URL (sslmode=verify-full, connectTimeout=…)
      ds.setURL("jdbc:postgresql://" + host + ":" + port + "/" + db + "?" + query);
    } else {
      ds.setServerNames(new String[] {host});
      ds.setPortNumbers(new int[] {port});
      ds.setDatabaseName(db);
    }
    ds.setUser(user);
    if (password != null) {
      ds.setPassword(password);
    }
    if (ssl) {
      ds.setSsl(true);
      ds.setSslMode("require");
    }
    return ds;
  }

  /** Creates the database through the {@code postgres} maintenance database if it is missing. */
  void createDatabaseIfMissing() {
    try (Connection c = dataSource().getConnection()) {
      return;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        return; // not "database does not exist": the pool reports the real problem
      }
    }
    if (!SCHEMA.matcher(database).matches()) {
      throw new ConfigurationException("database", "cannot create database '" + database + "': create_database needs a plain"
          + " identifier");
    }
    try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + database + "\"");
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // created meanwhile by someone else
        throw new BackendUnavailableException("cannot create database '" + database + "' at " + describe() + ": " + e.getMessage(), e);
      }
    }
  }

  /** @return {@code host:port/database} (no user, no password) */
  String describe() {
    return host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PgSettings[" + user + "@" + describe() + (ssl ? ", ssl" : "") + "]";
  }
}

package io.dataknobs.cli.copy;

import io.dataknobs.api.BackendNotFoundException;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.DataknobsConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where records are, as a person types it: an entry of a configuration file ({@code orders}), a
 * backend and a path ({@code sqlite:app.db}, {@code duckdb:a.duckdb?table=t}, {@code file:o.csv}),
 * a server URI ({@code postgresql://user@host/db?table=orders}, {@code s3://bucket/prefix},
 * {@code http://host:9200/index} for Elasticsearch), or a bare file name whose extension says
 * what it is ({@code orders.csv}, {@code app.db}, {@code a.duckdb}), or an existing directory (its part files, read-only). {@code ?key=value} adds
 * configuration keys. Secrets come from the environment ({@code PGPASSWORD}, Elastic's
 * {@code ELASTIC_PASSWORD} and {@code ELASTIC_API_KEY}, the AWS SDK's own chain) or the
 * configuration file, and {@link #toString} never shows one.
 *
 * @param backend the backend name, or null for an entry of the configuration file
 * @param entry the configuration file's entry, or null
 * @param settings the backend's configuration (empty for an entry)
 * @param shown how it is shown in messages and the checkpoint (secrets masked)
 */
public record Location(String backend, String entry, Map<String, Object> settings, String shown) {
  private static final List<String> FILE_EXTENSIONS = List.of(".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet");

  /**
   * @param text what the user typed
   * @param config the configuration file, or null
   * @param env the environment
   * @throws IllegalArgumentException naming what was not understood and what is accepted
   */
  public static Location parse(String text, DataknobsConfig config, Function<String, String> env) {
    if (config != null && config.databaseNames().contains(text)) {
      return new Location(null, text, Map.of(), text);
    }
    int colon = text.indexOf(':');
    String scheme = colon > 1 ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    Map<String, Object> settings = new LinkedHashMap<>();
    String rest = colon > 1 ? text.substring(colon + 1) : text;
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("'" + pair + "' in " + text + " is not key=value");
        }
        settings.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
      rest = rest.substring(0, q);
    }
    switch (scheme) {
      case "postgres", "postgresql" -> {
        settings.put("url", "postgresql:" + rest);
        String password = env.apply("PGPASSWORD");
        if (!userInfo(rest).contains(":")) {
          putEnv(settings, "password", password);
        }
        return new Location("postgres", null, settings, masked("postgresql:" + rest) + query(settings, "url", "password"));
      }
      case "s3" -> {
        String path = rest.startsWith("//") ? rest.substring(2) : rest;
        int slash = path.indexOf('/');
        settings.put("bucket", slash < 0 ? path : path.substring(0, slash));
        if (slash >= 0 && slash < path.length() - 1) {
          String prefix = path.substring(slash + 1);
          settings.put("prefix", prefix.endsWith("/") ? prefix : prefix + "/");
        }
        return new Location("s3", null, settings, "s3://" + path + query(settings, "bucket", "prefix"));
      }
      case "http", "https" -> {
        String path = rest.startsWith("//") ? rest.substring(2) : rest;
        int slash = path.indexOf('/');
        String host = slash < 0 ? path : path.substring(0, slash);
        settings.put("hosts", scheme + "://" + host.substring(host.indexOf('@') + 1));
        if (slash >= 0 && slash < path.length() - 1) {
          settings.put("index", path.substring(slash + 1));
        }
        putEnv(settings, "password", env.apply("ELASTIC_PASSWORD"));
        putEnv(settings, "api_key", env.apply("ELASTIC_API_KEY"));
        putEnv(settings, "username", env.apply("ELASTIC_USERNAME"));
        return new Location("elasticsearch", null, settings, scheme + "://" + host + (slash < 0 ? "" : path.substring(slash))
            + query(settings, "hosts", "index", "password", "api_key", "username"));
      }
      case "" -> {
        String lower = rest.toLowerCase(Locale.ROOT);
        String backend = FILE_EXTENSIONS.stream().anyMatch(lower::endsWith) || java.nio.file.Files.isDirectory(java.nio.file.Path.of(rest))
            ? "file"
            : lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3") ? "sqlite"
            : lower.endsWith(".duckdb") ? "duckdb" : null;
        if (backend == null) {
          throw new IllegalArgumentException("cannot tell what '" + text + "' is: write a backend and a path (sqlite:app.db,"
              + " file:orders.csv), a URI (postgresql://user@host/db?table=t, s3://bucket/prefix, http://host:9200/index)"
              + (config == null ? ", or an entry of --config" : ", or one of the entries of --config " + config.databaseNames()));
        }
        settings.put("path", rest);
        return new Location(backend, null, settings, text);
      }
      default -> {
        if (!rest.isEmpty()) {
          settings.put("path", rest);
        }
        return new Location(scheme, null, settings, text);
      }
    }
  }

  private static void putEnv(Map<String, Object> settings, String key, String value) {
    if (value != null && !value.isEmpty()) {
      settings.putIfAbsent(key, value);
    }
  }

  private static String userInfo(String rest) {
    String s = rest.startsWith("//") ? rest.substring(2) : rest;
    int at = s.indexOf('@');
    int slash = s.indexOf('/');
    return at < 0 || slash >= 0 && slash < at ? "" : s.substring(0, at);
  }

  /** @return a URL with the password of its user info replaced by {@code ***} */
  static String masked(String url) {
    return url.replaceFirst("(//[^/@:]*):[^/@]*@", "$1:***@");
  }

  private static String query(Map<String, Object> settings, String... hidden) {
    StringBuilder sb = new StringBuilder();
    List<String> skip = List.of(hidden);
    settings.forEach((k, v) -> {
      if (!skip.contains(k)) {
        sb.append(sb.length() == 0 ? '?' : '&').append(k).append('=').append(k.contains("secret") || k.contains("password") ? "***" : v);
      }
    });
    return sb.toString();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /**
   * Opens it: an entry with the decorators its configuration names, a backend through the factory
   * (which checks its keys and names the ones it does not know).
   *
   * @param extra settings to add where the backend accepts them (e.g. {@code read_only} for a source)
   * @throws BackendNotFoundException for an unknown backend, naming the available ones
   */
  public Database open(DatabaseFactory factory, DataknobsConfig config, Map<String, Object> extra) {
    if (entry != null) {
      return config.open(entry, factory);
    }
    Map<String, Object> s = new LinkedHashMap<>(settings);
    var accepted = factory.provider(backend).configSpec().acceptedNames();
    extra.forEach((k, v) -> {
      if (accepted.contains(k)) {
        s.putIfAbsent(k, v);
      }
    });
    return factory.open(backend, s);
  }

  @Override
  public String toString() {
    return shown;
  }
}

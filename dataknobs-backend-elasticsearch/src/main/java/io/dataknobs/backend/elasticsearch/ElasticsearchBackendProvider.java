package io.dataknobs.backend.elasticsearch;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.pool.ConnectionPoolManager;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.pool.PoolMetrics;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code elasticsearch} backend (aliases {@code es}, {@code elastic}). Every database opened
 * with the same connection settings from the same class loader or bundle shares one client and
 * its HTTP pool through {@link ConnectionPoolManager}; the index and its layout do not split
 * clients.
 */
@ServiceProvider(BackendProvider.class)
public final class ElasticsearchBackendProvider implements BackendProvider {
  /** Keys that choose the index and how it is written, not the client. */
  private static final Set<String> PLACE_KEYS = Set.of("index", "refresh", "mappings", "settings", "index.number_of_shards",
      "index.number_of_replicas", "index.refresh_interval", "bulk_size", "create_index");
  private static final Pattern INDEX = Pattern.compile("[a-z0-9][a-z0-9_.+-]{0,254}");

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .add(ConfigKey.of("hosts", ConfigType.ANY, "node URLs: a list, or one string with commas (host:port means http)")
          .withDefault(java.util.List.of("http://localhost:9200")).withAliases("host", "url"))
      .add("index", ConfigType.STRING, "dataknobs", "index holding the records (created when missing)")
      .add(ConfigKey.of("connections", ConfigType.INT, "HTTP connections per node").withDefault(10).withAliases("pool.connections"))
      .add(ConfigKey.of("maxsize", ConfigType.INT, "HTTP connections in total").withDefault(30).withAliases("pool.maxsize"))
      .add("timeout", ConfigType.DURATION, Duration.ofSeconds(30), "per-request timeout")
      .add("refresh", ConfigType.STRING, "false", "what writes ask for: false (refresh on the index's schedule; this"
          + " database's own searches still see its writes), true (refresh now) or wait_for")
      .add(ConfigKey.of("mappings", ConfigType.MAP, "extra mappings merged into the index's at creation"))
      .add(ConfigKey.of("settings", ConfigType.MAP, "extra index settings at creation"))
      .add("index.number_of_shards", ConfigType.INT, 1, "primary shards of a created index")
      .add("index.number_of_replicas", ConfigType.INT, 1, "replicas of a created index (0 on a single node)")
      .add("index.refresh_interval", ConfigType.STRING, "1s", "refresh interval of a created index")
      .add("bulk_size", ConfigType.INT, 1000, "most records per bulk request")
      .add("create_index", ConfigType.BOOLEAN, true, "create the index when it does not exist")
      .add(ConfigKey.of("api_key", ConfigType.STRING, "API key (base64 id:key)").asSecret())
      .add(ConfigKey.of("username", ConfigType.STRING, "basic authentication user").withAliases("user"))
      .add(ConfigKey.of("password", ConfigType.STRING, "basic authentication password").asSecret())
      .add(ConfigKey.of("ca_certs", ConfigType.STRING, "PEM file of the certificate authorities to trust"))
      .add("verify_certs", ConfigType.BOOLEAN, true, "verify the server's certificate and host name")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public ElasticsearchBackendProvider() {}

  @Override
  public String name() {
    return "elasticsearch";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("es", "elastic");
  }

  @Override
  public String description() {
    return "Elasticsearch 9 through the official Java client: filter-context queries pushed down, bulk writes,"
        + " point-in-time streaming";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    String index = config.getString("index");
    if (!INDEX.matcher(index).matches() || !index.equals(index.toLowerCase(Locale.ROOT))) {
      throw new ConfigurationException("index", "configuration key 'index' must be a valid index name (lower case letters,"
          + " digits, '_', '-', '.', '+'; not starting with '_', '-' or '+'), got '" + index + "'");
    }
    String refresh = config.getString("refresh").toLowerCase(Locale.ROOT);
    if (!Set.of("true", "false", "wait_for").contains(refresh)) {
      throw new ConfigurationException("refresh", "configuration key 'refresh' must be true, false or wait_for, got '"
          + config.getString("refresh") + "'");
    }
    Map<String, Object> clientKeys = new LinkedHashMap<>(config.values());
    clientKeys.keySet().removeAll(PLACE_KEYS);
    BackendConfig identity = new BackendConfig(config.name(), clientKeys, Set.of(), config.spec());
    PoolLease<ElasticsearchConnections.Connection> lease = ConnectionPoolManager.shared().acquire(
        ElasticsearchBackendProvider.class.getClassLoader(), identity, ElasticsearchConnections::open,
        ElasticsearchConnections.Connection::close, PoolMetrics.unknown());
    try {
      IndexLayout layout = IndexLayout.of(config);
      layout.ensure(lease.pool().client(), index, config.getBoolean("create_index", true));
      return new ElasticsearchDatabase(lease, index, layout, refresh, Math.max(1, config.getInt("bulk_size", 1000)));
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }
}

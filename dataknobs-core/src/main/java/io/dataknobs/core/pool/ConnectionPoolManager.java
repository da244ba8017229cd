package io.dataknobs.core.pool;

import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared pool per (owner, configuration): holders that open the same configuration from
 * the same owner share a pool, counted by reference and closed when the last holder closes.
 * The owner is the class loader or OSGi bundle that asked, so a redeployed bundle never
 * inherits a stale pool. Configurations that differ in any value, secrets included, never
 * share; {@link #poolInfo()} shows no secret. Thread-safe.
 */
public final class ConnectionPoolManager {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolManager.class);
  private static final ConnectionPoolManager SHARED = new ConnectionPoolManager();

  private final Map<Key, Entry<?>> pools = new java.util.HashMap<>();

  /** @return the process-wide manager */
  public static ConnectionPoolManager shared() {
    return SHARED;
  }

  private record Key(Object owner, String backend, String identity) {}

  private static final class Entry<P> {
    final Key key;
    final P pool;
    final Consumer<? super P> closer;
    final PoolMetrics<? super P> metrics;
    final String publicHash;
    int holders;

    Entry(Key key, P pool, Consumer<? super P> closer, PoolMetrics<? super P> metrics, String publicHash) {
      this.key = key;
      this.pool = pool;
      this.closer = closer;
      this.metrics = metrics;
      this.publicHash = publicHash;
    }

    PoolInfo info() {
      int active = metrics.active(pool);
      int idle = metrics.idle(pool);
      return new PoolInfo(String.valueOf(key.owner), key.backend, publicHash, holders, active, idle,
          active < 0 || idle < 0 ? -1 : active + idle, metrics.waiting(pool));
    }
  }

  /**
   * Leases the pool of {@code config} for {@code owner}, creating it on first use.
   *
   * @param owner the class loader or bundle asking (pools are never shared across owners)
   * @param config the validated configuration; every value counts for identity
   * @param create makes the pool (called at most once per identity while it is open)
   * @param closer closes the pool when the last lease closes
   * @param metrics reads the pool's state for {@link #poolInfo()}
   */
  public <P> PoolLease<P> acquire(Object owner, BackendConfig config, Function<BackendConfig, P> create,
      Consumer<? super P> closer, PoolMetrics<? super P> metrics) {
    Objects.requireNonNull(owner, "owner");
    Key key = new Key(owner, config.name(), hash(config, true));
    Entry<P> entry;
    synchronized (pools) {
      @SuppressWarnings("unchecked")
      Entry<P> existing = (Entry<P>) pools.get(key);
      if (existing == null) {
        existing = new Entry<>(key, create.apply(config), closer, metrics, hash(config, false));
        pools.put(key, existing);
        LOG.debug("opened pool {} for {} ({})", existing.publicHash, config.name(), owner);
      }
      existing.holders++;
      entry = existing;
    }
    return new Lease<>(entry);
  }

  private final class Lease<P> implements PoolLease<P> {
    private final Entry<P> entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    Lease(Entry<P> entry) {
      this.entry = entry;
    }

    @Override
    public P pool() {
      return entry.pool;
    }

    @Override
    public PoolInfo info() {
      synchronized (pools) {
        return entry.info();
      }
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      boolean last;
      synchronized (pools) {
        last = --entry.holders == 0;
        if (last) {
          pools.remove(entry.key);
        }
      }
      if (last) {
        LOG.debug("closing pool {} of {}", entry.publicHash, entry.key.backend);
        entry.closer.accept(entry.pool);
      }
    }
  }

  /** @return a snapshot of every open pool */
  public List<PoolInfo> poolInfo() {
    synchronized (pools) {
      List<PoolInfo> out = new ArrayList<>();
      pools.values().forEach(e -> out.add(e.info()));
      return out;
    }
  }

  /** @return how many pools are open */
  public int poolCount() {
    synchronized (pools) {
      return pools.size();
    }
  }

  /**
   * Closes every pool of {@code owner} (an OSGi bundle being stopped), whatever its holders.
   *
   * @return how many pools were closed
   */
  public int closeAll(Object owner) {
    List<Entry<?>> closing = new ArrayList<>();
    synchronized (pools) {
      pools.values().removeIf(e -> {
        if (e.key.owner.equals(owner)) {
          closing.add(e);
          return true;
        }
        return false;
      });
    }
    closing.forEach(ConnectionPoolManager::closeNow);
    return closing.size();
  }

  private static <P> void closeNow(Entry<P> e) {
    e.closer.accept(e.pool);
  }

  /** SHA-256 over the sorted configuration; with {@code withSecrets} false, secret values are left out. */
  private static String hash(BackendConfig config, boolean withSecrets) {
    Map<String, Object> sorted = new TreeMap<>(config.values());
    StringBuilder sb = new StringBuilder(config.name());
    sorted.forEach((k, v) -> {
      boolean secret = config.spec().find(k).map(ConfigKey::secret).orElse(false);
      sb.append('\u0000').append(k).append('=').append(secret && !withSecrets ? "" : String.valueOf(v));
    });
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, withSecrets ? 32 : 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

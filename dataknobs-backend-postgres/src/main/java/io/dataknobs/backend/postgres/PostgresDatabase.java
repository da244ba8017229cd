package io.dataknobs.backend.postgres;

import io.dataknobs.api.Capability;
import io.dataknobs.core.pool.PoolInfo;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.sql.JdbcDatabase;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A table in PostgreSQL on a shared HikariCP pool ({@link RetiringConnections}); batches are
 * written with {@code COPY} ({@link CopyWriter}); with {@code gin_index} a GIN index on the
 * generated {@code data_jsonb} column serves equality filters.
 */
final class PostgresDatabase extends JdbcDatabase implements io.dataknobs.core.metrics.MeterBinding {
  private final PoolLease<PgPool> lease;

  PostgresDatabase(String table, PoolLease<PgPool> lease, boolean readOnly, List<String> indexes, boolean gin) {
    this(table, lease, new RetiringConnections(lease), readOnly, indexes, gin);
  }

  private PostgresDatabase(String table, PoolLease<PgPool> lease, RetiringConnections connections, boolean readOnly,
      List<String> indexes, boolean gin) {
    super(PostgresDialect.INSTANCE, table, connections, readOnly, t -> new CopyWriter(t, connections));
    this.lease = lease;
    openTable(indexes);
    if (gin && !readOnly) {
      withConnection("create the GIN index", c -> {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE INDEX IF NOT EXISTS " + table().dialect().quote(table + "_gin") + " ON " + table().layout().quoted()
              + " USING gin (data_jsonb jsonb_path_ops)");
        }
        keepJsonStatistics(c);
        return null;
      });
    }
  }

  /**
   * Entries of the histogram ANALYZE keeps of {@code data_jsonb}. The planner estimates a
   * containment filter by testing it on that histogram; with PostgreSQL's 100 entries a value a
   * twentieth of the records hold was estimated anywhere from none to a tenth of them (bench at
   * 1,000,000 records), and one estimated rare was read through the GIN index in full before the
   * {@code LIMIT} (15 ms against 0.6 ms by a scan that stops early). With 400 the same values are
   * estimated at 3–7%; planning a containment filter costs 0.41 ms instead of 0.33, ANALYZE of
   * the 1,000,000 records 0.76 s instead of 0.2.
   */
  static final int JSON_STATISTICS = 400;

  /** Sets {@link #JSON_STATISTICS} on the JSON column where it is not yet set (a table of an earlier version too). */
  private void keepJsonStatistics(java.sql.Connection c) throws java.sql.SQLException {
    int target;
    try (java.sql.PreparedStatement ps = c.prepareStatement(
        "SELECT COALESCE(attstattarget, -1) FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'data_jsonb'")) {
      ps.setString(1, table().layout().quoted());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        target = rs.next() ? rs.getInt(1) : JSON_STATISTICS;
      }
    }
    if (target != JSON_STATISTICS) {
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE " + table().layout().quoted() + " ALTER COLUMN data_jsonb SET STATISTICS " + JSON_STATISTICS);
      }
    }
  }

  /** @return the shared pool (tests) */
  PgPool pool() {
    return lease.pool();
  }

  /** @return the state of the pool this database borrows from */
  PoolInfo poolInfo() {
    return lease.info();
  }

  /**
   * {@inheritDoc} HikariCP's own Micrometer tracker ({@code hikaricp.connections.*}, tagged with
   * the pool's name). The pool is shared: the first registry bound stays until the pool closes,
   * which removes its meters.
   */
  @Override
  public AutoCloseable bindMeters(Object registry, java.util.Map<String, String> tags) {
    com.zaxxer.hikari.HikariDataSource ds = lease.pool().dataSource();
    synchronized (ds) {
      if (ds.getMetricRegistry() == null) {
        // HikariCP loads its tracker through the context class loader first: in OSGi that may be the host's copy of
        // HikariCP, whose tracker does not take this registry's class; its own loader is the one that matches
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(com.zaxxer.hikari.HikariDataSource.class.getClassLoader());
        try {
          ds.setMetricRegistry(registry);
        } catch (IllegalStateException e) {
          // another holder of the shared pool bound it first: its meters are already published
        } finally {
          t.setContextClassLoader(before);
        }
      }
    }
    return () -> { };
  }

  /** {@inheritDoc} The HikariCP pool shared by the databases of this server and configuration. */
  @Override
  public java.util.List<PoolInfo> pools() {
    return java.util.List.of(lease.info());
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c = EnumSet.copyOf(sqlCapabilities());
    c.add(Capability.PERSISTENT);
    return Set.copyOf(c);
  }

  @Override
  public String backendName() {
    return "postgres";
  }
}

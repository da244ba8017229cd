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
final class PostgresDatabase extends JdbcDatabase {
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
        return null;
      });
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

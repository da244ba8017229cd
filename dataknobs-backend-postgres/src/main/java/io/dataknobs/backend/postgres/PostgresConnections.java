package io.dataknobs.backend.postgres;

import io.dataknobs.core.config.ConfigValidator;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Plain, unpooled pgjdbc connections to the server a {@code postgres} configuration names, for
 * tools, tests and benchmarks that need the driver itself (administration SQL, raw baselines).
 * The configuration is validated exactly as the backend validates it.
 */
public final class PostgresConnections {
  private PostgresConnections() {}

  /**
   * @param config a {@code postgres} backend configuration (only the connection keys matter)
   * @return a data source opening a new physical connection per {@code getConnection()}, with
   *     the configuration's schema as the search path
   */
  public static DataSource dataSource(Map<String, ?> config) {
    var validated = ConfigValidator.validate("postgres", new PostgresBackendProvider().configSpec(), config);
    var ds = PgSettings.of(validated, System.getenv("DATABASE_URL")).dataSource();
    ds.setCurrentSchema(PgSettings.checkSchema(validated.getString("schema")));
    return ds;
  }
}

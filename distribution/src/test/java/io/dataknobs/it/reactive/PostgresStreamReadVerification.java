package io.dataknobs.it.reactive;

import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.testservers.PostgresServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Reactive Streams TCK on PostgreSQL (a server cursor inside a transaction). */
public class PostgresStreamReadVerification extends StreamReadVerification {
  private static final String SCHEMA = PostgresServer.shared().freshSchema("rstck");
  private static int tables;

  @Override
  protected Database open() {
    Map<String, Object> cfg = new LinkedHashMap<>(PostgresServer.shared().config());
    cfg.put("schema", SCHEMA);
    cfg.put("table", "t" + ++tables);
    return DatabaseFactory.standard().open("postgres", cfg);
  }
}

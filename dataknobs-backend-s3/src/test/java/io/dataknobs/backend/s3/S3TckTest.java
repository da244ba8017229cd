package io.dataknobs.backend.s3;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.tck.DatabaseTck;
import io.dataknobs.testservers.S3Server;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The whole TCK against a real S3 server: one bucket for this class, a fresh prefix per test. */
class S3TckTest extends DatabaseTck {
  static final DatabaseFactory FACTORY = new DatabaseFactory(new S3BackendProvider());
  private static final String BUCKET = S3Server.shared().freshBucket("tck");
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  @Override
  public BackendProvider provider() {
    return new S3BackendProvider();
  }

  @Override
  public Database open(String backend, Map<String, Object> config) {
    return FACTORY.open(backend, config);
  }

  @Override
  public Set<Capability> declaredCapabilities() {
    return Set.of(Capability.CONDITIONAL_WRITE, Capability.BULK_WRITE, Capability.PERSISTENT);
  }

  @Override
  public Map<String, Object> baseConfig() {
    Map<String, Object> m = new LinkedHashMap<>(S3Server.shared().config());
    m.put("bucket", BUCKET);
    m.put("prefix", "t" + PREFIXES.incrementAndGet() + "/");
    return m;
  }
}

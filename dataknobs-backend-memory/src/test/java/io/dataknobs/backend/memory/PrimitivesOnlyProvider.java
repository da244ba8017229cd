package io.dataknobs.backend.memory;

import io.dataknobs.api.Capability;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.base.AbstractDatabase;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A backend with only the eight primitives of {@link AbstractDatabase} and no capabilities,
 * over the memory store: every derived operation (all-or-nothing batches by compensation,
 * paging streamRead, in-memory aggregation, emulated transactions) comes from core's
 * fallbacks, so running the TCK on it proves those fallbacks.
 */
public final class PrimitivesOnlyProvider implements BackendProvider {
  @Override
  public String name() {
    return "primitives";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("prim");
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder().add("page_size_hint", ConfigType.INT, 100, "unused; gives the TCK a typed key").build();
  }

  @Override
  public Database open(BackendConfig config) {
    return new PrimitivesOnly(new MemoryDatabase(16));
  }

  static final class PrimitivesOnly extends AbstractDatabase {
    private final MemoryDatabase store;

    PrimitivesOnly(MemoryDatabase store) {
      this.store = store;
    }

    @Override
    protected void doCreate(String id, Record record) {
      store.doCreate(id, record);
    }

    @Override
    protected Optional<Record> doRead(String id) {
      return store.doRead(id);
    }

    @Override
    protected boolean doUpdate(String id, Record record, String expectedVersion) {
      return store.doUpdate(id, record, expectedVersion);
    }

    @Override
    protected void doUpsert(String id, Record record, String expectedVersion) {
      store.doUpsert(id, record, expectedVersion);
    }

    @Override
    protected boolean doDelete(String id, String expectedVersion) {
      return store.doDelete(id, expectedVersion);
    }

    @Override
    protected Optional<String> doVersion(String id) {
      return store.doVersion(id);
    }

    @Override
    protected List<Record> doSearch(Query query) {
      return store.doSearch(query);
    }

    @Override
    protected long doClear() {
      return store.doClear();
    }

    @Override
    protected void doClose() {
      store.close();
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public String backendName() {
      return "primitives";
    }
  }
}

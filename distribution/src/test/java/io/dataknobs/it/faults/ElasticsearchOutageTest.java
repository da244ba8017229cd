package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.testservers.ElasticsearchServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An Elasticsearch node of this test's own killed in the middle of {@code createBatch}: the
 * caller gets a transient, typed error in bounded time, which names the ids that may remain
 * (the node is gone, so nothing can be undone), and later calls fail the same way.
 */
class ElasticsearchOutageTest {
  @Test
  void aNodeKilledMidBatchGivesTypedErrorsNamingWhatMayRemain() throws Exception {
    try (ElasticsearchServer.OwnNode node = ElasticsearchServer.startOwnNode()) {
      Map<String, Object> cfg = new LinkedHashMap<>(node.server().config());
      cfg.put("index", "outage");
      cfg.put("timeout", "5s");
      try (Database db = DatabaseFactory.standard().open("elasticsearch", cfg)) {
        CompletableFuture<Throwable> outcome = InFlightBatch.start(db, "e", 100_000, 500);
        Thread.sleep(700);
        node.kill();
        Throwable failure = outcome.get(120, TimeUnit.SECONDS);
        assertThat(failure).as("the batch could not finish with the node gone").isInstanceOf(BackendUnavailableException.class);
        assertThat(failure.getMessage()).contains("may remain").contains("createBatch of 100000 records");
        org.assertj.core.api.Assertions.assertThatThrownBy(db::count).isInstanceOf(BackendUnavailableException.class);
      }
    }
  }
}

package io.dataknobs.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.dataknobs.api.Record;
import io.dataknobs.backend.elasticsearch.ElasticsearchBackendProvider;
import io.dataknobs.backend.elasticsearch.ElasticsearchConnections;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code raw:bulk}: the same records, as plain JSON documents ({@code id} and data), written with
 * the client's bulk API directly into a scratch index with the backend's shard and replica
 * settings and dynamic mapping, then the index is deleted.
 */
final class ElasticsearchRawBaseline implements RawBaseline {
  private final Map<String, Object> config;

  ElasticsearchRawBaseline(Map<String, Object> settings) {
    this.config = RawBaseline.backendKeys(settings, new ElasticsearchBackendProvider().configSpec());
  }

  @Override
  public List<BenchRow> run(List<Record> data) {
    return List.of(bulkRow(data, 1000, "raw:bulk"));
  }

  /** The same bulk requests in batches of {@code batch}, the API's batch size. */
  @Override
  public BenchRow sameBatches(List<Record> data, int batch) {
    return bulkRow(data, batch, "raw:bulk(" + batch + ")");
  }

  private BenchRow bulkRow(List<Record> data, int batch, String method) {
    String index = "dataknobs-raw-" + ProcessHandle.current().pid() + "-" + batch;
    try (ElasticsearchConnections.Connection c = ElasticsearchConnections.open(config)) {
      ElasticsearchClient client = c.client();
      client.indices().create(i -> i.index(index).settings(s -> s.numberOfShards(setting("index.number_of_shards", "1"))
          .numberOfReplicas(setting("index.number_of_replicas", "1"))));
      try {
        write(client, index, data.subList(0, Math.min(200, data.size())), batch, "warm-"); // warm the connection and mapping
        long start = System.nanoTime();
        write(client, index, data, batch, "");
        return new BenchRow(method, data.size(), (System.nanoTime() - start) / 1e9);
      } finally {
        client.indices().delete(d -> d.index(index));
      }
    } catch (IOException e) {
      throw new IllegalStateException("raw Elasticsearch baseline failed: " + e.getMessage(), e);
    }
  }

  private String setting(String key, String fallback) {
    Object v = config.get(key);
    return v == null ? fallback : String.valueOf(v);
  }

  private static void write(ElasticsearchClient client, String index, List<Record> data, int batch, String idPrefix)
      throws IOException {
    for (int from = 0; from < data.size(); from += batch) {
      List<BulkOperation> ops = new ArrayList<>();
      for (Record r : data.subList(from, Math.min(data.size(), from + batch))) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", r.id());
        r.data().forEach((k, v) -> doc.put(k, v instanceof Temporal ? v.toString() : v));
        ops.add(BulkOperation.of(o -> o.create(x -> x.id(idPrefix + r.id()).document(doc))));
      }
      BulkResponse resp = client.bulk(b -> b.index(index).operations(ops));
      if (resp.errors()) {
        throw new IllegalStateException("raw bulk failed: " + resp.items().stream().filter(i -> i.error() != null)
            .findFirst().map(i -> i.error().reason()).orElse("?"));
      }
    }
  }
}

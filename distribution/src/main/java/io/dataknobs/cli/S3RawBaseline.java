package io.dataknobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.Record;
import io.dataknobs.backend.s3.S3BackendProvider;
import io.dataknobs.backend.s3.S3Connections;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@code raw:put}: the same records serialized with Jackson and PUT with the SDK directly, on as
 * many threads as the backend's {@code transfer.max_concurrency}, under a scratch prefix that is
 * removed afterwards.
 */
final class S3RawBaseline implements RawBaseline {
  private final Map<String, Object> config;
  private final ObjectMapper json = new ObjectMapper();

  S3RawBaseline(Map<String, Object> settings) {
    this.config = RawBaseline.backendKeys(settings, new S3BackendProvider().configSpec());
  }

  @Override
  public List<BenchRow> run(List<Record> data) {
    String bucket = String.valueOf(config.get("bucket"));
    String prefix = "dataknobs-raw-" + ProcessHandle.current().pid() + "/";
    int threads = concurrency();
    try (S3Client s3 = S3Connections.client(config)) {
      put(s3, bucket, prefix, data.subList(0, Math.min(200, data.size())), threads);
      List<BenchRow> rows = new ArrayList<>();
      String method = "raw:put x" + threads;
      long start = System.nanoTime();
      put(s3, bucket, prefix, data, threads);
      rows.add(new BenchRow(method, data.size(), (System.nanoTime() - start) / 1e9));
      removeAll(s3, bucket, prefix);
      return rows;
    }
  }

  /** The same PUTs in batches of {@code batch}, each waiting for its slowest request as a batch call does. */
  @Override
  public BenchRow sameBatches(List<Record> data, int batch) {
    String bucket = String.valueOf(config.get("bucket"));
    String prefix = "dataknobs-raw-" + ProcessHandle.current().pid() + "-" + batch + "/";
    int threads = concurrency();
    try (S3Client s3 = S3Connections.client(config)) {
      put(s3, bucket, prefix, data.subList(0, Math.min(200, data.size())), threads);
      long start = System.nanoTime();
      for (int from = 0; from < data.size(); from += batch) {
        put(s3, bucket, prefix, data.subList(from, Math.min(data.size(), from + batch)), threads);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      removeAll(s3, bucket, prefix);
      return new BenchRow("raw:put x" + threads + "(" + batch + ")", data.size(), seconds);
    }
  }

  private static void removeAll(S3Client s3, String bucket, String prefix) {
    List<ObjectIdentifier> keys = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(ObjectIdentifier.builder()
        .key(o.key()).build()));
    for (int from = 0; from < keys.size(); from += 1000) {
      List<ObjectIdentifier> part = keys.subList(from, Math.min(keys.size(), from + 1000));
      s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(part).quiet(true)));
    }
  }

  private int concurrency() {
    Object t = config.get("transfer.max_concurrency");
    if (t == null && config.get("transfer") instanceof Map) {
      t = ((Map<?, ?>) config.get("transfer")).get("max_concurrency");
    }
    return t == null ? 10 : Integer.parseInt(String.valueOf(t));
  }

  private void put(S3Client s3, String bucket, String prefix, List<Record> data, int threads) {
    OnThreads.run("raw S3 PUTs", threads, data.size(), i -> {
      Record r = data.get(i);
      byte[] body = encode(r);
      s3.putObject(b -> b.bucket(bucket).key(prefix + r.id()).contentType("application/json"), RequestBody.fromBytes(body));
    });
  }

  private byte[] encode(Record r) throws com.fasterxml.jackson.core.JsonProcessingException {
    Map<String, Object> plain = new LinkedHashMap<>();
    r.data().forEach((k, v) -> plain.put(k, v instanceof Temporal ? v.toString() : v));
    return json.writeValueAsBytes(Map.of("id", r.id(), "data", plain));
  }
}

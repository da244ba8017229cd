package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.Test;

/**
 * An S3 endpoint (S3Proxy of this test's own) stopped in the middle of {@code createBatch}: the
 * caller gets a transient, typed error, and the batch is all or nothing, or the error names
 * exactly the ids that may remain (the endpoint is gone, so the undo cannot finish).
 */
class S3OutageTest {
  private static final String ACCESS = "outage";
  private static final String SECRET = "outage-secret";

  private static S3Proxy proxy(BlobStore store, int port) throws Exception {
    S3Proxy p = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).ignoreUnknownHeaders(true).build();
    p.start();
    while (!p.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return p;
  }

  @Test
  void anEndpointGoneMidBatchGivesATypedErrorNamingWhatMayRemain() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BlobStore store = new TransientNio2BlobStore();
    S3Proxy proxy = proxy(store, port);
    Map<String, Object> cfg = new LinkedHashMap<>(Map.of("endpoint_url", "http://127.0.0.1:" + port, "access_key_id", ACCESS,
        "secret_access_key", SECRET, "bucket", "outage", "region", "us-east-1", "timeout", "2s", "max_attempts", 1));
    cfg.put("path_style", true);
    try (Database db = DatabaseFactory.standard().open("s3", cfg)) {
      CompletableFuture<Throwable> outcome = InFlightBatch.start(db, "b", 3_000, 2_000);
      Thread.sleep(400);
      proxy.stop();
      Throwable failure = outcome.get(120, TimeUnit.SECONDS);
      assertThat(failure).as("the batch could not finish with the endpoint gone").isInstanceOf(BackendUnavailableException.class);

      proxy = proxy(store, port); // the same store behind a new endpoint on the same port
      Set<String> remaining = new TreeSet<>();
      db.search(io.dataknobs.api.query.Query.all()).forEach(r -> remaining.add(r.id()));
      Set<String> named = new TreeSet<>();
      Matcher m = Pattern.compile("b\\d{5}").matcher(String.valueOf(failure.getMessage()));
      while (m.find()) {
        named.add(m.group());
      }
      assertThat(remaining).as("what remains of the batch is exactly among the ids the error names: " + failure.getMessage())
          .isSubsetOf(named);
      if (!remaining.isEmpty()) {
        assertThat(failure.getMessage()).contains("may remain");
      }
      assertThat(db.count()).as("the same Database works again once the endpoint is back").isEqualTo(remaining.size());
    } finally {
      proxy.stop();
    }
  }
}

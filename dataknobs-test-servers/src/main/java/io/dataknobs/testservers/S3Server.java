package io.dataknobs.testservers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real S3 server for tests, one per JVM, chosen in this order: the endpoint in
 * {@value #ENDPOINT_VARIABLE} (credentials from {@code DATAKNOBS_TEST_S3_ACCESS_KEY} and
 * {@code DATAKNOBS_TEST_S3_SECRET_KEY}); MinIO through Testcontainers when a Docker engine
 * answers; otherwise S3Proxy in-process with its in-memory store ({@code org.gaul:s3proxy} on
 * the test class path). Each test class takes a fresh bucket with {@link #freshBucket(String)}.
 */
public final class S3Server {
  /** The environment variable naming an S3 endpoint to use instead of starting one. */
  public static final String ENDPOINT_VARIABLE = "DATAKNOBS_TEST_S3_ENDPOINT";
  private static S3Server shared;

  private final String endpoint;
  private final String accessKey;
  private final String secretKey;
  private final String origin;

  S3Server(String endpoint, String accessKey, String secretKey, String origin) {
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.origin = origin;
  }

  /** @return the JVM's server, started on first use and stopped when the JVM exits */
  public static synchronized S3Server shared() {
    if (shared == null) {
      shared = ServerChoice.pick(ENDPOINT_VARIABLE, given -> new S3Server(given, System.getenv("DATAKNOBS_TEST_S3_ACCESS_KEY"),
          System.getenv("DATAKNOBS_TEST_S3_SECRET_KEY"), "environment"), () -> TestcontainersMinio.start(), () -> S3ProxyServer.start());
    }
    return shared;
  }

  /** @return where the server came from: {@code environment}, {@code testcontainers} or {@code s3proxy} */
  public String origin() {
    return origin;
  }

  /** @return the endpoint URL */
  public String endpoint() {
    return endpoint;
  }

  /** @return backend configuration reaching the server: endpoint, path-style access, region and static credentials */
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint_url", endpoint);
    m.put("path_style", true);
    m.put("region", "us-east-1");
    if (accessKey != null) {
      m.put("access_key_id", accessKey);
      m.put("secret_access_key", secretKey);
    }
    return m;
  }

  /** @return a bucket name no other test class of this JVM uses (the backend creates it) */
  public String freshBucket(String prefix) {
    return ServerChoice.uniqueName(prefix, "-");
  }
}

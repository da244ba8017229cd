package io.dataknobs.backend.s3;

import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A plain SDK client for the store an {@code s3} configuration names (endpoint, region,
 * credentials, HTTP pool, attempts), for tools, tests and benchmarks that need the SDK itself.
 * The caller owns and closes it; it is not the shared client the backend uses.
 */
public final class S3Connections {
  private S3Connections() {}

  /**
   * @param config an {@code s3} backend configuration (validated as the backend validates it)
   * @return a new client
   */
  public static S3Client client(Map<String, ?> config) {
    return S3BackendProvider.client(S3BackendProvider.validate(config));
  }
}

package io.dataknobs.backend.s3;

import aQute.bnd.annotation.spi.ServiceProvider;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.pool.ConnectionPoolManager;
import io.dataknobs.core.pool.PoolLease;
import io.dataknobs.core.pool.PoolMetrics;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@code s3} backend: AWS S3 or an S3-compatible store (MinIO, Ceph, S3Proxy). Every
 * database opened with the same client settings from the same class loader or bundle shares
 * one SDK client and its HTTP connection pool through {@link ConnectionPoolManager}.
 */
@ServiceProvider(BackendProvider.class)
public final class S3BackendProvider implements BackendProvider {
  /** Keys that choose where records live rather than the client: they do not split clients. */
  private static final Set<String> PLACE_KEYS = Set.of("bucket", "prefix", "create_bucket", "transfer.max_concurrency",
      "transfer.max_io_queue", "transfer.multipart_threshold", "transfer.multipart_chunksize");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .add(ConfigKey.of("bucket", ConfigType.STRING, "bucket holding the records (created when missing)").asRequired())
      .add("prefix", ConfigType.STRING, "", "key prefix of the records, e.g. records/")
      .add("region", ConfigType.STRING, "us-east-1", "AWS region")
      .add(ConfigKey.of("endpoint_url", ConfigType.STRING, "endpoint of an S3-compatible store, e.g. http://localhost:9000"))
      .add("path_style", ConfigType.BOOLEAN, false, "path-style addressing (MinIO, S3Proxy)")
      .add(ConfigKey.of("access_key_id", ConfigType.STRING, "static credentials (absent: the SDK's default chain)")
          .withAliases("aws_access_key_id"))
      .add(ConfigKey.of("secret_access_key", ConfigType.STRING, "static credentials").withAliases("aws_secret_access_key").asSecret())
      .add(ConfigKey.of("session_token", ConfigType.STRING, "static session credentials").withAliases("aws_session_token").asSecret())
      .add("pool.max_connections", ConfigType.INT, 50, "HTTP connections of the shared client")
      .add("transfer.multipart_threshold", ConfigType.SIZE, 8L << 20, "records larger than this upload in parts")
      .add("transfer.multipart_chunksize", ConfigType.SIZE, 8L << 20, "part size (at least 5MB)")
      .add("transfer.max_concurrency", ConfigType.INT, 10, "requests in flight for batches and queries")
      .add("transfer.max_io_queue", ConfigType.INT, 1000, "most objects a query page fetches and holds at once")
      .add("max_attempts", ConfigType.INT, 3, "attempts per request, the SDK's retries included")
      .add("timeout", ConfigType.DURATION, Duration.ofSeconds(30), "per-request timeout")
      .add("create_bucket", ConfigType.BOOLEAN, true, "create the bucket when it does not exist")
      .add("request_checksum_calculation", ConfigType.STRING, "when_supported", "when_supported (the SDK's default: a CRC32"
          + " checksum on every upload) or when_required (only where the operation demands one; stores that reject"
          + " unknown checksums need it)")
      .add("response_checksum_validation", ConfigType.STRING, "when_supported", "when_supported (validate a checksum the"
          + " store returns) or when_required")
      .build();

  /** Public for {@link java.util.ServiceLoader}. */
  public S3BackendProvider() {}

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("aws_s3", "minio");
  }

  @Override
  public String description() {
    return "one JSON object per record in an S3 bucket; conditional writes on ETags, parallel bounded reads";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Database open(BackendConfig config) {
    String bucket = config.getString("bucket");
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new ConfigurationException("bucket", "configuration key 'bucket' must be a valid bucket name (3-63 lower-case letters,"
          + " digits, '.' and '-'), got '" + bucket + "'");
    }
    String prefix = config.getString("prefix");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    Map<String, Object> clientKeys = new LinkedHashMap<>(config.values());
    clientKeys.keySet().removeAll(PLACE_KEYS);
    BackendConfig identity = new BackendConfig(config.name(), clientKeys, Set.of(), config.spec());
    PoolLease<S3Client> lease = ConnectionPoolManager.shared().acquire(S3BackendProvider.class.getClassLoader(), identity,
        S3BackendProvider::client, S3Client::close, PoolMetrics.unknown());
    try {
      ensureBucket(lease.pool(), bucket, config.getBoolean("create_bucket", true));
      return new S3Database(lease, bucket, prefix, S3Settings.of(config));
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** @return a validated configuration of this backend */
  static BackendConfig validate(Map<String, ?> raw) {
    return io.dataknobs.core.config.ConfigValidator.validate("s3", SPEC, raw);
  }

  static S3Client client(BackendConfig c) {
    AwsCredentialsProvider credentials;
    for (String key : new String[] {"access_key_id", "secret_access_key", "session_token"}) {
      if (c.has(key) && c.getString(key).isBlank()) {
        // the SDK would fail later with a NullPointerException of its own
        throw new ConfigurationException(key, "configuration key '" + key + "' is blank; give the credential, or leave the key out"
            + " to use the SDK's default credential chain");
      }
    }
    if (c.has("secret_access_key") && !c.has("access_key_id")) {
      throw new ConfigurationException("access_key_id", "secret_access_key is set but access_key_id is not");
    }
    if (c.has("access_key_id")) {
      if (!c.has("secret_access_key")) {
        throw new ConfigurationException("secret_access_key", "access_key_id is set but secret_access_key is not");
      }
      credentials = StaticCredentialsProvider.create(c.has("session_token")
          ? AwsSessionCredentials.create(c.getString("access_key_id"), c.getString("secret_access_key"), c.getString("session_token"))
          : AwsBasicCredentials.create(c.getString("access_key_id"), c.getString("secret_access_key")));
    } else {
      credentials = DefaultCredentialsProvider.builder().build();
    }
    Duration timeout = c.getDuration("timeout", Duration.ofSeconds(30));
    if (timeout.isZero()) {
      throw new ConfigurationException("timeout", "configuration key 'timeout' must be positive (a per-request timeout), got 0");
    }
    boolean checksumAlways = whenSupported(c, "request_checksum_calculation");
    boolean validateAlways = whenSupported(c, "response_checksum_validation");
    var b = S3Client.builder()
        .requestChecksumCalculation(checksumAlways ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(validateAlways ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED)
        .region(Region.of(c.getString("region")))
        .credentialsProvider(credentials)
        .forcePathStyle(c.getBoolean("path_style", false))
        // bodies are byte arrays in memory: checksum them up front rather than streaming every
        // byte through aws-chunked encoding, the largest client CPU cost of a small PUT
        .serviceConfiguration(s -> s.chunkedEncodingEnabled(false))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(1, c.getInt("pool.max_connections", 50)))
            .socketTimeout(timeout).connectionTimeout(timeout))
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(Math.max(1, c.getInt("max_attempts", 3))))
            .apiCallTimeout(timeout));
    if (c.has("endpoint_url")) {
      try {
        URI endpoint = URI.create(c.getString("endpoint_url"));
        if (endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
          throw new IllegalArgumentException("needs http(s)://host[:port], got '" + c.getString("endpoint_url") + "'");
        }
        b.endpointOverride(endpoint);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("endpoint_url", "configuration key 'endpoint_url' is not a URL: " + e.getMessage());
      }
    }
    return b.build();
  }

  /** @return true for {@code when_supported}, false for {@code when_required} */
  private static boolean whenSupported(BackendConfig c, String key) {
    String v = c.getString(key).toLowerCase(java.util.Locale.ROOT);
    if (!v.equals("when_supported") && !v.equals("when_required")) {
      throw new ConfigurationException(key, "configuration key '" + key + "' must be when_supported or when_required, got '"
          + c.getString(key) + "'");
    }
    return v.equals("when_supported");
  }

  private static void ensureBucket(S3Client s3, String bucket, boolean create) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return;
    } catch (S3Exception e) {
      if (e.statusCode() == 403 || e.statusCode() == 401) {
        throw new ConfigurationException("access_key_id", "configuration keys 'access_key_id'/'secret_access_key': S3 refused access to bucket '"
            + bucket + "' (HTTP " + e.statusCode() + "); check the credentials and the bucket's policy", java.util.List.of(), e);
      }
      if (e.statusCode() == 404 && !create) {
        throw new ConfigurationException("bucket", "configuration key 'bucket': bucket '" + bucket + "' does not exist and create_bucket is false",
            java.util.List.of(), e);
      }
      if (e.statusCode() != 404) {
        throw S3Objects.classify(e).toException("bucket '" + bucket + "' is not reachable (HTTP " + e.statusCode() + ")", e, false);
      }
    } catch (SdkException e) {
      throw new BackendUnavailableException("cannot reach S3 for bucket '" + bucket + "': " + e.getMessage(), e);
    }
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 409) { // created meanwhile (BucketAlreadyOwnedByYou)
        throw new BackendUnavailableException("cannot create bucket '" + bucket + "': " + e.getMessage(), e);
      }
    } catch (SdkException e) {
      throw new BackendUnavailableException("cannot create bucket '" + bucket + "': " + e.getMessage(), e);
    }
  }
}

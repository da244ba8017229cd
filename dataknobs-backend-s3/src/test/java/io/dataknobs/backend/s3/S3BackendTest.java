package io.dataknobs.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.pool.ConnectionPoolManager;
import io.dataknobs.testservers.S3Server;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 specifics: key safety, multipart, the shared client, configuration and secrets. */
class S3BackendTest {
  private static final DatabaseFactory FACTORY = new DatabaseFactory(new S3BackendProvider());
  private static final String BUCKET = S3Server.shared().freshBucket("s3test");
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private static Map<String, Object> config(Object... more) {
    Map<String, Object> m = new LinkedHashMap<>(S3Server.shared().config());
    m.put("bucket", BUCKET);
    m.put("prefix", "p" + PREFIXES.incrementAndGet() + "/");
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  private static S3Client raw() {
    Map<String, Object> c = S3Server.shared().config();
    return S3Client.builder().endpointOverride(URI.create(S3Server.shared().endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create((String) c.get("access_key_id"),
            (String) c.get("secret_access_key")))).build();
  }

  @Test
  void hostileIdsRoundTripAndStayUnderThePrefix() {
    Map<String, Object> cfg = config();
    String prefix = (String) cfg.get("prefix");
    List<String> ids = List.of("../etc/passwd", "a/b", "con", "%2e%2e", "%2F", "a~2Fb", "..", ".", " spaced ", "ünïcødé/𝄞",
        "x".repeat(500), "ü".repeat(500));
    try (Database db = FACTORY.open("s3", cfg); S3Client s3 = raw()) {
      for (String id : ids) {
        db.create(Record.builder().id(id).put("id_was", id).build());
      }
      for (String id : ids) {
        assertThat(db.read(id)).as(id).hasValueSatisfying(r -> assertThat(r.get("id_was")).isEqualTo(id));
      }
      assertThat(db.count()).isEqualTo(ids.size());
      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().forEach(o -> keys.add(o.key()));
      List<String> ours = keys.stream().filter(k -> k.startsWith(prefix)).toList();
      assertThat(ours).hasSize(ids.size()).allSatisfy(k -> {
        String leaf = k.substring(prefix.length());
        assertThat(leaf).doesNotContain("/").doesNotContain("..").matches("(id-|sha-).+");
      });
      assertThat(keys.stream().filter(k -> !k.startsWith("p")).toList()).as("nothing outside any test prefix").isEmpty();
      assertThat(S3Keys.key(prefix, "%2F")).isNotEqualTo(S3Keys.key(prefix, "/"));
      assertThat(S3Keys.key(prefix, "a~2Fb")).isNotEqualTo(S3Keys.key(prefix, "a/b"));
    }
  }

  @Test
  void largeRecordsUploadInPartsAndStayConditional() {
    try (Database db = FACTORY.open("s3", config("transfer.multipart_threshold", "1MB", "transfer.multipart_chunksize", "5MB"))) {
      String big = "y".repeat(6 * 1024 * 1024);
      Record r = Record.builder().id("big").put("blob", big).build();
      db.create(r);
      assertThat(db.read("big")).contains(r);
      assertThatThrownBy(() -> db.create(r)).isInstanceOf(DuplicateRecordException.class);
      String v = db.version("big").orElseThrow();
      assertThat(db.update("big", Record.builder().put("blob", big + "z").build(), v)).isTrue();
      assertThat(db.read("big").orElseThrow().get("blob")).isEqualTo(big + "z");
    }
  }

  @Test
  void databasesWithTheSameClientSettingsShareOneClient() {
    int before = ConnectionPoolManager.shared().poolCount();
    try (Database a = FACTORY.open("s3", config("pool.max_connections", 7));
        Database b = FACTORY.open("s3", config("pool.max_connections", 7))) {
      assertThat(ConnectionPoolManager.shared().poolCount()).isEqualTo(before + 1);
      a.create(Record.builder().id("x").build());
      assertThat(b.count()).as("another prefix").isZero();
    }
    assertThat(ConnectionPoolManager.shared().poolCount()).isEqualTo(before);
  }

  @Test
  void streamReadHoldsOnePageAndClosesEarly() {
    try (Database db = FACTORY.open("s3", config("transfer.max_io_queue", 50))) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        rows.add(Record.builder().id(String.format("r%04d", i)).put("n", (long) i).build());
      }
      db.createBatch(rows);
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(1000).build())) {
        assertThat(s.count()).isEqualTo(600);
      }
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(10).build())) {
        assertThat(s.limit(3).toList()).hasSize(3);
      }
      assertThat(db.clear()).isEqualTo(600);
      assertThat(db.count()).isZero();
    }
  }

  @Test
  void checksumSettingsAreValidatedAndWritesWorkUnderEither() {
    assertThatThrownBy(() -> FACTORY.open("s3", config("request_checksum_calculation", "always")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("request_checksum_calculation").hasMessageContaining("always");
    for (String mode : List.of("when_required", "WHEN_SUPPORTED")) {
      try (Database db = FACTORY.open("s3", config("request_checksum_calculation", mode, "response_checksum_validation", mode))) {
        db.create(Record.of("a", Map.of("v", 1)));
        String token = db.version("a").orElseThrow();
        assertThat(db.update("a", Record.of("a", Map.of("v", 2)), token)).isTrue();
        assertThat(db.read("a").orElseThrow().get("v")).isEqualTo(2L);
        assertThatThrownBy(() -> db.create(Record.of("a", Map.of()))).isInstanceOf(DuplicateRecordException.class);
      }
    }
  }

  @Test
  void bodiesLeaveOutEmptyPartsAndReadBackTheSame() {
    Map<String, Object> cfg = config();
    try (Database db = FACTORY.open("s3", cfg); S3Client s3 = raw()) {
      db.create(Record.of("plain", Map.of("v", 1)));
      db.create(Record.builder().id("rich").put("at", java.time.Instant.parse("2024-01-02T03:04:05Z")).metadata("m", "x").build());
      String plain = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(cfg.get("prefix") + "id-plain")).asUtf8String();
      assertThat(plain).contains("\"data\":{\"v\":1}").doesNotContain("metadata").doesNotContain("data_types");
      assertThat(db.read("plain").orElseThrow().metadata()).isEmpty();
      Record rich = db.read("rich").orElseThrow();
      assertThat(rich.get("at")).isEqualTo(java.time.Instant.parse("2024-01-02T03:04:05Z"));
      assertThat(rich.metadata()).containsEntry("m", "x");
    }
  }

  @Test
  void configurationErrorsAreTypedAndSecretsStayOut() {
    assertThatThrownBy(() -> FACTORY.open("s3", Map.of())).isInstanceOf(ConfigurationException.class).hasMessageContaining("bucket");
    assertThatThrownBy(() -> FACTORY.open("s3", config("bucket", "Bad_Bucket"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Bad_Bucket");
    Map<String, Object> unreachable = config("endpoint_url", "http://127.0.0.1:1", "secret_access_key", "never-Printed-9",
        "max_attempts", 1, "timeout", "2s");
    assertThatThrownBy(() -> FACTORY.open("s3", unreachable)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining(BUCKET).satisfies(e -> assertThat(e.toString()).doesNotContain("never-Printed-9"));
    Map<String, Object> noCreate = config("bucket", "absent-" + BUCKET, "create_bucket", false);
    assertThatThrownBy(() -> FACTORY.open("s3", noCreate)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("create_bucket").hasMessageContaining("'bucket'");
    for (String blank : List.of("", "  ")) {
      assertThatThrownBy(() -> FACTORY.open("s3", config("access_key_id", blank, "secret_access_key", "s"))).as("blank access key")
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("access_key_id");
    }
    assertThatThrownBy(() -> FACTORY.open("s3", config("access_key_id", "nobody", "secret_access_key", "wrong-Secret-3")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("access_key_id")
        .satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-Secret-3"));
  }
}

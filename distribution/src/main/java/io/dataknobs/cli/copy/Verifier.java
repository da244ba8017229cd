package io.dataknobs.cli.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a copy: reads the source's records a chunk at a time, reads the same ids from the
 * target, and compares them record by record (in bounded memory), adding up a content digest of
 * each side: the sum of a SHA-256 prefix of each record in a canonical form (keys sorted, every
 * value tagged with its type), so the digest does not depend on the order records come in.
 */
public final class Verifier {
  private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final int SHOWN = 20;

  /**
   * What a verification found.
   *
   * @param sourceCount records the query selects in the source
   * @param targetCount records in the target in all
   * @param missing source records the target does not hold
   * @param different source records the target holds otherwise
   * @param ids the first ids that are missing or different
   * @param sourceDigest the source's digest
   * @param targetDigest the digest of the target's records under the source's ids
   */
  public record Verification(long sourceCount, long targetCount, long missing, long different, List<String> ids,
      String sourceDigest, String targetDigest) {
    /** @return true if the target holds every source record as it is */
    public boolean ok() {
      return missing == 0 && different == 0;
    }
  }

  private Verifier() {}

  public static Verification verify(Database source, Database target, Query query, int chunk) {
    long count = 0;
    long missing = 0;
    long different = 0;
    long sourceDigest = 0;
    long targetDigest = 0;
    List<String> ids = new ArrayList<>();
    try (Stream<Record> s = source.streamRead(query.withoutSelect(), StreamConfig.builder().batchSize(chunk).bufferSize(chunk).build())) {
      Iterator<Record> it = s.iterator();
      List<Record> batch = new ArrayList<>(chunk);
      while (it.hasNext()) {
        batch.clear();
        while (batch.size() < chunk && it.hasNext()) {
          batch.add(it.next());
        }
        List<Optional<Record>> there = target.readBatch(batch.stream().map(Record::id).toList());
        for (int i = 0; i < batch.size(); i++) {
          Record a = batch.get(i);
          count++;
          sourceDigest += digest(a);
          if (there.get(i).isEmpty()) {
            missing++;
            note(ids, a.id());
            continue;
          }
          Record b = there.get(i).get();
          targetDigest += digest(b);
          if (!a.equals(b)) {
            different++;
            note(ids, a.id());
          }
        }
      }
    }
    return new Verification(count, target.count(), missing, different, ids, Long.toHexString(sourceDigest), Long.toHexString(targetDigest));
  }

  private static void note(List<String> ids, String id) {
    if (ids.size() < SHOWN) {
      ids.add(id);
    }
  }

  /** @return the first 8 bytes of the SHA-256 of a record in canonical form */
  static long digest(Record r) {
    try {
      Map<String, Object> doc = new TreeMap<>();
      doc.put("id", r.id());
      doc.put("data", canonical(r.data()));
      doc.put("metadata", canonical(r.metadata()));
      byte[] h = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h).getLong();
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object canonical(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), canonical(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Verifier::canonical).toList();
    }
    if (v == null || v instanceof Boolean) {
      return v;
    }
    if (v instanceof String s) {
      return "s:" + s;
    }
    String tag = v instanceof Long ? "l:" : v instanceof Double ? "d:" : v instanceof BigDecimal ? "m:"
        : v instanceof Instant ? "t:" : v instanceof LocalDate ? "date:" : v instanceof byte[] ? "b:" : v.getClass().getSimpleName() + ":";
    return tag + (v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v.toString());
  }
}

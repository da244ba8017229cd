package io.dataknobs.cli.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a copy got: how many of the source's records (in the order the source streams them)
 * the target has acknowledged, for the copy of one source, target, query and conflict policy.
 * Written after every batch the target acknowledged (to a temporary file, forced, then moved over
 * the old one), deleted when the copy completes.
 *
 * @param file where it is kept
 * @param key what copy it belongs to
 * @param copied records acknowledged
 */
public record Checkpoint(Path file, String key, long copied) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @return the key of a copy: source, target, query and policy, shown as {@link Location} shows them (no secrets) */
  public static String key(Location source, Location target, Map<String, Object> query, String onConflict) {
    return source + " -> " + target + " where " + query + " on conflict " + onConflict;
  }

  /** @return the default checkpoint file of a copy: {@code .dataknobs/copy-<hash of its key>.json} in the working directory */
  public static Path defaultFile(String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Path.of(".dataknobs", "copy-" + HexFormat.of().formatHex(h, 0, 8) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the checkpoint in {@code file} for this copy, or one at 0 when there is none
   * @throws IllegalArgumentException if the file belongs to another copy
   */
  public static Checkpoint load(Path file, String key) throws IOException {
    if (!Files.exists(file)) {
      return new Checkpoint(file, key, 0);
    }
    Map<?, ?> m = JSON.readValue(file.toFile(), Map.class);
    if (!key.equals(m.get("copy"))) {
      throw new IllegalArgumentException("the checkpoint " + file + " is of another copy (" + m.get("copy") + "); name another"
          + " with --state, or delete it to start over");
    }
    return new Checkpoint(file, key, ((Number) m.get("copied")).longValue());
  }

  /** @return this checkpoint at {@code n} records, saved */
  public Checkpoint at(long n) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("copy", key);
    m.put("copied", n);
    m.put("saved", java.time.Instant.now().toString());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(m)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Checkpoint(file, key, n);
  }

  /** Removes the checkpoint (the copy is complete). */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}

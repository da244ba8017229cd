package io.dataknobs.backend.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How record ids become object keys, so that no id escapes the prefix or collides with another.
 *
 * <p>A record lives at {@code prefix + "id-" + escaped(id)}: letters, digits, {@code _} and
 * {@code -} stay as they are; every other byte of the id's UTF-8 form (so {@code /}, {@code .},
 * {@code %}, {@code ~}, spaces and non-ASCII) becomes {@code ~XX} in upper-case hex. The key
 * thus has no {@code /} and no {@code .} after the prefix (no path to climb out of, no
 * {@code ..}), the mapping is injective ({@code ~} itself is escaped), and the leaf never is a
 * reserved file name such as {@code con} on stores backed by a file system. When the escaped
 * form would make the key longer than {@value #MAX_KEY} bytes, the record lives at
 * {@code prefix + "sha-" + sha256hex(id)} instead; the object body carries the id either way.
 */
final class S3Keys {
  /** S3 allows 1,024-byte keys; leave room for the prefix. */
  static final int MAX_KEY = 900;
  static final String ID = "id-";
  static final String HASHED = "sha-";

  private S3Keys() {}

  static String key(String prefix, String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(prefix.length() + ID.length() + bytes.length);
    sb.append(prefix).append(ID);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        sb.append((char) c);
      } else {
        sb.append('~').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    if (sb.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_KEY) {
      return sb.toString();
    }
    try {
      return prefix + HASHED + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** @return true if {@code key} (under {@code prefix}) is a record's object */
  static boolean isRecord(String prefix, String key) {
    String leaf = key.substring(prefix.length());
    return leaf.indexOf('/') < 0 && (leaf.startsWith(ID) || leaf.startsWith(HASHED));
  }
}

package io.dataknobs.backend.s3;

import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.Record;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The record objects of one bucket and prefix: read, conditional write (If-None-Match,
 * If-Match, multipart above the threshold), conditional delete, head, and the listing of record
 * keys page by page. SDK failures become {@link BackendUnavailableException}s; a failed
 * condition is a {@code false} result, for the database to turn into its own answer.
 */
final class S3Objects {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final S3Settings settings;

  /**
   * Conditional writes to one key are serialized within this JVM: the store's If-Match and
   * If-None-Match decide between processes, but some S3-compatible stores check and write
   * without atomicity, which would let two racers with the same version token both win.
   */
  private static final java.util.concurrent.locks.Lock[] KEY_LOCKS = new java.util.concurrent.locks.Lock[256];

  static {
    for (int i = 0; i < KEY_LOCKS.length; i++) {
      KEY_LOCKS[i] = new java.util.concurrent.locks.ReentrantLock();
    }
  }

  /** Runs a conditional operation on {@code key} holding that key's in-process lock. */
  private static boolean locked(String key, java.util.function.BooleanSupplier op) {
    java.util.concurrent.locks.Lock lock = KEY_LOCKS[Math.floorMod(key.hashCode(), KEY_LOCKS.length)];
    lock.lock();
    try {
      return op.getAsBoolean();
    } finally {
      lock.unlock();
    }
  }

  S3Objects(S3Client s3, String bucket, String prefix, S3Settings settings) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.settings = settings;
  }

  String key(String id) {
    return S3Keys.key(prefix, id);
  }

  private static String etag(String quoted) {
    return quoted == null ? null : quoted.replace("\"", "");
  }

  private static String quoted(String version) {
    return "\"" + version + "\"";
  }

  /**
   * The typed error of a failed request: throttling, 5xx, timeouts and connection failures are
   * transient; 400 is bad input; access denied, a missing bucket and other 4xx are failures.
   */
  io.dataknobs.api.DataknobsException failure(String what, Exception e) {
    return classify(e).toException("S3 failed to " + what + " in bucket '" + bucket + "': " + e.getMessage(), e,
        what.startsWith("write") || what.startsWith("delete"));
  }

  static io.dataknobs.core.base.EngineFailure classify(Exception e) {
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      return status == 408 || status == 429 || status >= 500 || s3.isThrottlingException() ? io.dataknobs.core.base.EngineFailure.TRANSIENT
          : status == 400 ? io.dataknobs.core.base.EngineFailure.BAD_INPUT : io.dataknobs.core.base.EngineFailure.FAILURE;
    }
    if (e instanceof software.amazon.awssdk.core.exception.SdkClientException || e instanceof java.io.UncheckedIOException) {
      return io.dataknobs.core.base.EngineFailure.TRANSIENT; // no answer: connection refused or reset, timeout
    }
    return io.dataknobs.core.base.EngineFailure.FAILURE;
  }

  private static boolean preconditionFailed(S3Exception e) {
    return e.statusCode() == 412 || e.statusCode() == 409;
  }

  // ---- object primitives -----------------------------------------------------------------------

  /** The stored record, its ETag and creation time, or null when absent. */
  record Current(Record record, String etag, long createdAt) {}

  Current get(String id) {
    String key = key(id);
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      S3Document.Stored s = S3Document.decode(key, bytes.asByteArray());
      return new Current(s.record(), etag(bytes.response().eTag()), s.createdAt());
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw failure("read '" + id + "'", e);
    } catch (SdkException e) {
      throw failure("read '" + id + "'", e);
    }
  }

  /**
   * Writes the record's object.
   *
   * @param ifNoneMatch true to write only if absent
   * @param ifMatch the ETag the object must have, or null
   * @return false if the condition failed
   */
  boolean put(String id, Record r, long createdAt, boolean ifNoneMatch, String ifMatch) {
    String key = key(id);
    if (ifNoneMatch || ifMatch != null) {
      return locked(key, () -> write(id, key, r, createdAt, ifNoneMatch, ifMatch));
    }
    return write(id, key, r, createdAt, false, null);
  }

  private boolean write(String id, String key, Record r, long createdAt, boolean ifNoneMatch, String ifMatch) {
    long now = System.currentTimeMillis();
    byte[] body = S3Document.encode(id, r, createdAt == 0 ? now : createdAt, now);
    try {
      if (body.length > settings.multipartThreshold()) {
        multipart(key, body, ifNoneMatch, ifMatch);
      } else {
        s3.putObject(b -> {
          b.bucket(bucket).key(key).contentType("application/json");
          if (ifNoneMatch) {
            b.ifNoneMatch("*");
          }
          if (ifMatch != null) {
            b.ifMatch(quoted(ifMatch));
          }
        }, RequestBody.fromBytes(body));
      }
      return true;
    } catch (S3Exception e) {
      // some stores answer If-Match on a missing key with 404 instead of 412
      if ((preconditionFailed(e) || e.statusCode() == 404 && ifMatch != null) && (ifNoneMatch || ifMatch != null)) {
        return false;
      }
      throw failure("write '" + id + "'", e);
    } catch (SdkException e) {
      throw failure("write '" + id + "'", e);
    }
  }

  /** Uploads a large object in {@code transfer.multipart_chunksize} parts; the condition applies when the upload completes. */
  private void multipart(String key, byte[] body, boolean ifNoneMatch, String ifMatch) {
    String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/json")).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int chunk = (int) Math.max(5L << 20, settings.multipartChunkSize());
      for (int at = 0, n = 1; at < body.length; at += chunk, n++) {
        int part = n;
        int len = Math.min(chunk, body.length - at);
        String tag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(part),
            RequestBody.fromBytes(java.util.Arrays.copyOfRange(body, at, at + len))).eTag();
        parts.add(CompletedPart.builder().partNumber(part).eTag(tag).build());
      }
      s3.completeMultipartUpload(b -> {
        b.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts));
        if (ifNoneMatch) {
          b.ifNoneMatch("*");
        }
        if (ifMatch != null) {
          b.ifMatch(quoted(ifMatch));
        }
      });
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** @return false if the condition failed or the object was absent */
  boolean delete(String id, String ifMatch) {
    String key = key(id);
    if (ifMatch != null) {
      // a DELETE of a missing key succeeds on S3, If-Match or not: look first
      return locked(key, () -> head(id).isPresent() && remove(id, key, ifMatch));
    }
    return remove(id, key, null);
  }

  private boolean remove(String id, String key, String ifMatch) {
    try {
      s3.deleteObject(b -> {
        b.bucket(bucket).key(key);
        if (ifMatch != null) {
          b.ifMatch(quoted(ifMatch));
        }
      });
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404 || preconditionFailed(e) && ifMatch != null) {
        return false;
      }
      throw failure("delete '" + id + "'", e);
    } catch (SdkException e) {
      throw failure("delete '" + id + "'", e);
    }
  }

  Optional<String> head(String id) {
    String key = key(id);
    try {
      return Optional.of(etag(s3.headObject(b -> b.bucket(bucket).key(key)).eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("look up '" + id + "'", e);
    } catch (SdkException e) {
      throw failure("look up '" + id + "'", e);
    }
  }

  /** The record keys under the prefix, one listing page (up to {@code page} keys) at a time. */
  Iterator<List<String>> keyPages(int page) {
    return new Iterator<>() {
      String token;
      boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public List<String> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        ListObjectsV2Response listed;
        try {
          listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).delimiter("/").maxKeys(page).continuationToken(token));
        } catch (SdkException e) {
          throw failure("list records", e);
        }
        token = listed.nextContinuationToken();
        done = !Boolean.TRUE.equals(listed.isTruncated()) || token == null;
        List<String> keys = new ArrayList<>();
        for (S3Object o : listed.contents()) {
          if (S3Keys.isRecord(prefix, o.key())) {
            keys.add(o.key());
          }
        }
        return keys;
      }
    };
  }

  /** @return the record at {@code key}, or null if it was deleted after the listing */
  Record fetchKey(String key) {
    try {
      return S3Document.decode(key, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).record();
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      throw failure("read '" + key + "'", e);
    }
  }
}

package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.dataknobs.core.base.EngineFailure;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Elasticsearch's failures sorted by what the caller can do: by HTTP status (408, 429, 502,
 * 503, 504 and conflicts are transient; 400 is bad input; 401, 403, 404 and other errors are
 * failures) and, without a response, by the transport's I/O error (transient).
 */
final class ElasticsearchErrors {
  private static final Pattern WRITES = Pattern.compile("(create|update|upsert|delete|write|bulk|commit)\\b");

  private ElasticsearchErrors() {}

  static EngineFailure classify(Throwable e) {
    if (e instanceof ElasticsearchException es) {
      return byStatus(es.status());
    }
    if (e instanceof TransportException t && t.statusCode() > 0) {
      return byStatus(t.statusCode());
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException) {
        return EngineFailure.TRANSIENT;
      }
    }
    return EngineFailure.FAILURE;
  }

  static EngineFailure byStatus(int status) {
    return switch (status) {
      case 408, 409, 429, 502, 503, 504 -> EngineFailure.TRANSIENT;
      case 400, 413, 414 -> EngineFailure.BAD_INPUT;
      default -> EngineFailure.FAILURE;
    };
  }

  /** @return true if {@code what} names a write (bad input is then the record's fault) */
  static boolean writes(String what) {
    return WRITES.matcher(what).lookingAt();
  }

  /**
   * @return the error of a failed request on {@code index}, typed by {@link #classify}: the
   *     client's exception is the cause
   */
  static io.dataknobs.api.DataknobsException failure(String index, String what, Exception e) {
    return classify(e).toException("Elasticsearch " + what + " on index '" + index + "' failed: " + e.getMessage(), e, writes(what));
  }

  /**
   * @return the error of a rejected single-document write: a mapping Elasticsearch refuses (400)
   *     is the record's fault, anything else {@link #failure}
   */
  static RuntimeException writeFailure(String index, String what, String id, co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
    if (e.status() == 400) {
      io.dataknobs.api.RecordValidationException v = new io.dataknobs.api.RecordValidationException(null, "Elasticsearch rejected " + what
          + " of record '" + id + "': " + e.getMessage());
      v.initCause(e);
      return v;
    }
    return failure(index, what + " of '" + id + "'", e);
  }
}

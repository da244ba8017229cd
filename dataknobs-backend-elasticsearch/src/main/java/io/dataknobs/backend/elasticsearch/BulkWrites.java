package io.dataknobs.backend.elasticsearch;

import static io.dataknobs.backend.elasticsearch.StoredDocuments.body;
import static io.dataknobs.backend.elasticsearch.StoredDocuments.docId;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.ArrayList;
import co.elastic.clients.util.BinaryData;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.Record;
import io.dataknobs.api.RecordValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The batch writes of one index: a batch's operations go as pipelined bulk requests (several,
 * two in flight, what each operation came to collected in input order); a create batch is all or
 * nothing, deleting what it created when any item fails; an upsert batch writes the last record
 * of a repeated id.
 */
final class BulkWrites {
  /** Below this many operations a batch goes as one request. */
  private static final int MIN_SPLIT = 200;
  /** Bulk requests of one batch in flight at once. */
  private static final int IN_FLIGHT = 2;

  private final ElasticsearchClient client;
  private final ElasticsearchAsyncClient async;
  private final String index;
  private final int bulkSize;
  private final Supplier<Refresh> refresh;

  /**
   * @param client the index's client
   * @param index the index
   * @param bulkSize the most operations per request ({@code bulk_size})
   * @param refresh the {@code refresh} a write asks for now (marking the index dirty when none)
   */
  BulkWrites(ElasticsearchClient client, String index, int bulkSize, Supplier<Refresh> refresh) {
    this.client = client;
    this.async = new ElasticsearchAsyncClient(client._transport(), client._transportOptions());
    this.index = index;
    this.bulkSize = bulkSize;
    this.refresh = refresh;
  }

  /** What a pipelined bulk write came to: one item per operation (null where its request failed), and the first failure. */
  private record Outcome(List<BulkResponseItem> items, RuntimeException failure) {
    List<BulkResponseItem> orThrow() {
      if (failure != null) {
        throw failure;
      }
      return items;
    }
  }

  /**
   * Sends {@code n} operations as bulk requests of at most {@code bulk_size}, and at least two
   * when there are {@value #MIN_SPLIT} or more, two in flight: the next request's documents are
   * encoded while Elasticsearch indexes the previous one. The {@code refresh} setting is applied
   * once, after the last response.
   */
  private Outcome send(int n, IntFunction<BulkOperation> op, String what) {
    Refresh r = refresh.get();
    int pieces = n < MIN_SPLIT ? 1 : Math.max(2, (n + bulkSize - 1) / bulkSize);
    int size = (n + pieces - 1) / pieces;
    List<CompletableFuture<BulkResponse>> sent = new ArrayList<>();
    RuntimeException failure = null;
    for (int from = 0; from < n && failure == null; from += size) {
      List<BulkOperation> chunk = new ArrayList<>(Math.min(size, n - from));
      for (int i = from; i < Math.min(n, from + size); i++) {
        chunk.add(op.apply(i));
      }
      if (sent.size() >= IN_FLIGHT) {
        failure = await(sent.get(sent.size() - IN_FLIGHT), what, n);
      }
      sent.add(async.bulk(b -> b.index(index).operations(chunk)));
    }
    List<BulkResponseItem> items = new ArrayList<>(n);
    for (int k = 0; k < sent.size(); k++) {
      RuntimeException f = await(sent.get(k), what, n);
      if (f == null) {
        items.addAll(sent.get(k).join().items());
      } else {
        failure = failure == null ? f : failure;
        for (int i = k * size; i < Math.min(n, (k + 1) * size); i++) {
          items.add(null);
        }
      }
    }
    if (failure == null && r != Refresh.False) {
      try {
        client.indices().refresh(x -> x.index(index));
      } catch (IOException | ElasticsearchException e) {
        failure = ElasticsearchErrors.failure(index, "refresh after " + what, e);
      }
    }
    return new Outcome(items, failure);
  }

  /** @return null once the request has answered, or the failure it ended in */
  private RuntimeException await(CompletableFuture<BulkResponse> f, String what, int n) {
    try {
      f.join();
      return null;
    } catch (CompletionException | CancellationException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return ElasticsearchErrors.failure(index, what + " of " + n + " records", c instanceof Exception ? (Exception) c : new IOException(c));
    }
  }

  /** A create batch that failed: the first failure in input order, and the ids that may remain stored. */
  record Failed(RuntimeException first, List<String> uncertain) {}

  /**
   * {@code op_type=create} in bulk; if any item fails, the ones that were created are deleted
   * again.
   *
   * @return null when every record was created; else the first failure in input order and the
   *     ids that may remain stored (their request failed, or deleting them again did)
   */
  Failed createAll(List<String> ids, List<Record> records) {
    Outcome outcome = send(ids.size(), i -> {
      BinaryData doc = body(ids.get(i), records.get(i));
      return BulkOperation.of(o -> o.create(c -> c.id(docId(ids.get(i))).document(doc)));
    }, "createBatch");
    List<BulkResponseItem> items = outcome.items();
    RuntimeException first = outcome.failure();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item == null) {
        continue; // its request failed: outcome.failure() says why
      }
      if (item.error() == null) {
        created.add(ids.get(i));
      } else if (first == null) {
        first = item.status() == 409 ? new DuplicateRecordException(ids.get(i))
            : item.status() == 400 ? new RecordValidationException(null, "Elasticsearch rejected record '" + ids.get(i) + "': "
                + item.error().reason())
            : ElasticsearchErrors.byStatus(item.status()).toException("Elasticsearch failed to create '" + ids.get(i) + "': "
                + item.error().reason(), null, true);
      }
    }
    if (first == null) {
      return null;
    }
    // documents of a request that failed may or may not be indexed: named, not deleted (they may be another writer's)
    List<String> uncertain = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        uncertain.add(ids.get(i));
      }
    }
    try {
      undo(created);
    } catch (RuntimeException undoFailed) {
      uncertain.addAll(created);
    }
    return new Failed(first, uncertain);
  }

  /** Deletes {@code ids}: the compensation of a failed batch. */
  private void undo(List<String> ids) {
    if (!ids.isEmpty()) {
      send(ids.size(), i -> BulkOperation.of(o -> o.delete(d -> d.id(docId(ids.get(i))))), "undo").orThrow();
    }
  }

  /** One bulk of index operations; a repeated id is written in input order, so the last one wins. */
  void upsertAll(List<String> ids, List<Record> records) {
    // a repeated id: each request is applied in order, and a later request is sent after the earlier one's
    // documents, but two requests may run at once, so repeated ids are written once, with the last record
    Map<String, Integer> last = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      last.put(ids.get(i), i);
    }
    List<Integer> order = new ArrayList<>(last.values());
    List<BulkResponseItem> items = send(order.size(), k -> {
      int i = order.get(k);
      BinaryData doc = body(ids.get(i), records.get(i));
      return BulkOperation.of(o -> o.index(x -> x.id(docId(ids.get(i))).document(doc)));
    }, "upsertBatch").orThrow();
    for (int k = 0; k < items.size(); k++) {
      if (items.get(k).error() != null) {
        String id = ids.get(order.get(k));
        String reason = items.get(k).error().reason();
        throw items.get(k).status() == 400 ? new RecordValidationException(null, "Elasticsearch rejected record '" + id + "': " + reason)
            : ElasticsearchErrors.byStatus(items.get(k).status()).toException("Elasticsearch failed to upsert '" + id + "': " + reason, null, true);
      }
    }
  }
}

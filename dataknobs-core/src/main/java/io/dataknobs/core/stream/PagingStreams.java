package io.dataknobs.core.stream;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code streamRead} for engines without cursors: fetches pages of
 * {@link StreamConfig#bufferSize()} records (at least one) with offset and limit, holding
 * one page at a time. An unsorted query is paged in storage-id order so pages neither
 * overlap nor skip; a sorted query keeps its own order.
 */
public final class PagingStreams {
  private PagingStreams() {}

  /**
   * @param fetch runs one page query completely
   * @param query the query to stream (its own offset and limit are honoured)
   * @param config the page size comes from {@code bufferSize}
   */
  public static Stream<Record> paged(Function<Query, List<Record>> fetch, Query query, StreamConfig config) {
    int page = Math.max(1, config.bufferSize());
    Query base = query.sorts().isEmpty() ? query.sort("id") : query;
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
        new PageIterator(fetch, base, page), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private static final class PageIterator implements Iterator<Record> {
    private final Function<Query, List<Record>> fetch;
    private final Query base;
    private final int page;
    private final long end;
    private long next;
    private List<Record> buffer = List.of();
    private int pos;
    private boolean exhausted;

    PageIterator(Function<Query, List<Record>> fetch, Query base, int page) {
      this.fetch = fetch;
      this.base = base;
      this.page = page;
      this.next = base.offset();
      this.end = base.limit() == null ? Long.MAX_VALUE : base.offset() + (long) base.limit();
    }

    @Override
    public boolean hasNext() {
      if (pos < buffer.size()) {
        return true;
      }
      if (exhausted || next >= end) {
        return false;
      }
      int want = (int) Math.min(page, end - next);
      buffer = fetch.apply(base.offset((int) next).limit(want));
      pos = 0;
      next += buffer.size();
      exhausted = buffer.size() < want;
      return !buffer.isEmpty();
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.get(pos++);
    }
  }
}

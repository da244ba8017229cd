package io.dataknobs.cli;

import io.dataknobs.api.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code raw:put}: what the memory backend's batch write amounts to without the API (ids
 * chosen, duplicates checked, version tokens): batches of 500 put into an insertion-ordered
 * map under one lock.
 */
final class MemoryRawBaseline implements RawBaseline {
  @Override
  public List<BenchRow> run(List<Record> data) {
    Map<String, Record> map = new LinkedHashMap<>();
    Object lock = new Object();
    for (int warm = 0; warm < 3; warm++) {
      put(map, lock, data.subList(0, Math.min(2000, data.size())));
      map.clear();
    }
    long start = System.nanoTime();
    put(map, lock, data);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (map.size() != data.size()) {
      throw new IllegalStateException("raw:put stored " + map.size() + " of " + data.size());
    }
    return List.of(new BenchRow("raw:put", data.size(), seconds));
  }

  private static void put(Map<String, Record> map, Object lock, List<Record> data) {
    for (int from = 0; from < data.size(); from += 500) {
      synchronized (lock) {
        for (Record r : data.subList(from, Math.min(data.size(), from + 500))) {
          map.put(r.id(), r);
        }
      }
    }
  }
}

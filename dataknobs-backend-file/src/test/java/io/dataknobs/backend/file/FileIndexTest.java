package io.dataknobs.backend.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index against a map that keeps insertion order, through puts, deletes, clears and compactions. */
class FileIndexTest {
  @Test
  void agreesWithAnOrderedMapThroughEveryKindOfChange() {
    Random random = new Random(42);
    FileIndex index = new FileIndex();
    Map<String, Long> model = new LinkedHashMap<>();
    long offset = 0;
    for (int step = 0; step < 200_000; step++) {
      String id = "k" + random.nextInt(5_000);
      int r = random.nextInt(1000);
      if (r < 600) {
        index.replay(new Journal.Entry('P', id, offset, 10));
        model.put(id, offset);
        offset += 10;
      } else if (r < 990) {
        index.replay(new Journal.Entry('D', id, offset, 3));
        model.remove(id);
      } else if (r < 992) {
        index.replay(new Journal.Entry('C', null, offset, 2));
        model.clear();
      } else {
        // compaction: the records, in order, placed at new offsets in the file
        FileIndex.Snapshot snap = index.snapshot();
        FileIndex next = index.compacted();
        Map<String, Long> versions = new LinkedHashMap<>();
        long at = 0;
        for (int p = 0; p < snap.size(); p++) {
          String live = snap.ids()[p];
          if (live != null) {
            versions.put(live, index.get(live).version());
            next.placed(live, at, 10);
            model.put(live, at);
            at += 10;
          }
        }
        index = next;
        for (Map.Entry<String, Long> v : versions.entrySet()) {
          assertThat(index.get(v.getKey()).version()).as("a compaction keeps versions").isEqualTo(v.getValue());
          assertThat(index.get(v.getKey()).inJournal()).isFalse();
        }
      }
      if (step % 997 == 0) {
        check(index, model);
      }
    }
    check(index, model);
  }

  private static void check(FileIndex index, Map<String, Long> model) {
    assertThat(index.size()).isEqualTo(model.size());
    FileIndex.Snapshot snap = index.snapshot();
    List<String> order = new ArrayList<>();
    for (int p = 0; p < snap.size(); p++) {
      if (snap.ids()[p] != null) {
        order.add(snap.ids()[p]);
      }
    }
    assertThat(order).containsExactlyElementsOf(model.keySet());
    model.forEach((id, at) -> assertThat(index.get(id).offset()).isEqualTo(at));
    assertThat(index.get("absent")).isNull();
  }
}

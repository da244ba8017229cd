package io.dataknobs.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Record;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamError;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.MapDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamWriterTest {
  private static List<Record> records(int n) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Record.of("k" + i, Map.of("i", i)));
    }
    return out;
  }

  @Test
  void parallelBatchesKeepExactAccountingAndInputIndexes() {
    MapDatabase db = new MapDatabase();
    db.failOn = id -> id.equals("k17") || id.equals("k230");
    StreamResult r = db.streamWrite(records(500), StreamConfig.builder().batchSize(10).parallelism(4).onError((e, rec) -> true).build());
    assertThat(r.successful()).isEqualTo(498);
    assertThat(r.failed()).isEqualTo(2);
    assertThat(r.totalProcessed()).isEqualTo(500);
    assertThat(r.totalBatches()).isEqualTo(50);
    assertThat(r.errors()).extracting(StreamError::index).containsExactly(17L, 230L);
    assertThat(r.errors()).extracting(StreamError::exceptionType).containsOnly("BackendUnavailableException");
    assertThat(db.count()).isEqualTo(498);
  }

  @Test
  void aTimeoutStopsTheWrite() {
    MapDatabase db = new MapDatabase();
    db.batchDelayMillis = 30;
    StreamResult r = db.streamWrite(records(1000), StreamConfig.builder().batchSize(10).timeout(Duration.ofMillis(100)).build());
    assertThat(r.stopped()).isTrue();
    assertThat(r.totalProcessed()).isLessThan(1000).isEqualTo(db.count());
  }

  @Test
  void nonDuplicateFailuresAreRetriedRecordByRecord() {
    MapDatabase db = new MapDatabase();
    db.failOn = id -> id.equals("k3");
    StreamResult r = db.streamWrite(records(8), StreamConfig.builder().batchSize(4).onError((e, rec) -> true).build());
    assertThat(r.successful()).isEqualTo(7);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("k3");
      assertThat(e.message()).contains("injected failure");
    });
    assertThat(db.exists("k3")).isFalse();
  }
}

package io.dataknobs.backend.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.DuplicateRecordException;
import io.dataknobs.api.ReadOnlyDatabaseException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.tck.ReadOnlyChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbBackendTest {
  private final DatabaseFactory factory = DatabaseFactory.standard();

  @TempDir
  Path dir;

  private static List<Record> rows(int from, int n) {
    List<Record> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(Record.of("r" + i, Map.of("g", "g" + (i % 4), "amount", i, "half", i / 2.0)));
    }
    return out;
  }

  @Test
  void aReadOnlyDatabaseRejectsEveryWrite() {
    String path = dir.resolve("ro.duckdb").toString();
    try (Database rw = factory.open("duckdb", Map.of("path", path))) {
      rw.create(Record.of("kept", Map.of("v", 1)));
    }
    try (Database ro = factory.open("duckdb", Map.of("path", path, "read_only", true))) {
      ReadOnlyChecks.assertEveryWriteRejected(ro, "kept", ReadOnlyDatabaseException.class);
    }
  }

  @Test
  void appenderBatchesAreAllOrNothingAcrossManyBatches() {
    try (Database db = factory.open("duckdb", Map.of("threads", 2, "memory_limit", "512MB"))) {
      db.createBatch(rows(0, 3000));
      List<Record> colliding = rows(2999, 10);
      assertThatThrownBy(() -> db.createBatch(colliding)).isInstanceOf(DuplicateRecordException.class)
          .extracting(e -> ((DuplicateRecordException) e).id()).isEqualTo("r2999");
      assertThat(db.count()).isEqualTo(3000);
      assertThat(db.exists("r3005")).isFalse();
      db.createBatch(rows(3000, 10));
      assertThat(db.count()).isEqualTo(3010);
    }
  }

  @Test
  void aggregationsArePushedDownAndKeepIntegralSums() {
    try (Database db = factory.open("duck", Map.of())) {
      db.createBatch(rows(0, 1000));
      List<Record> groups = db.aggregate(Query.all().groupBy("g").filter("amount", Operator.LT, 100), Aggregation.count(),
          Aggregation.sum("amount"), Aggregation.max("amount"), Aggregation.sum("half"), Aggregation.avg("half"));
      assertThat(groups).hasSize(4);
      Record g0 = groups.get(0);
      assertThat(g0.get("g")).isEqualTo("g0");
      assertThat(g0.get("count")).isEqualTo(25L);
      assertThat(g0.get("sum_amount")).isEqualTo(1200L);
      assertThat(g0.get("max_amount")).isEqualTo(96L);
      assertThat(g0.get("sum_half")).isEqualTo(600.0);
    }
  }

  @Test
  void indexesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> factory.open("duckdb", Map.of("indexes", List.of("g")))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("indexes").hasMessageContaining("cannot index JSON expressions");
  }

  @Test
  void configurationIsValidated() {
    assertThatThrownBy(() -> factory.open("duckdb", Map.of("threads", "many"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> factory.open("duckdb", Map.of("tabel", "x"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean 'table'");
  }
}

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
      // larger than one Appender chunk, colliding on its last row: nothing of it stays
      List<Record> large = rows(10_000, 3000);
      large.set(2999, Record.of("r3009", Map.of()));
      assertThatThrownBy(() -> db.createBatch(large)).isInstanceOf(DuplicateRecordException.class)
          .extracting(e -> ((DuplicateRecordException) e).id()).isEqualTo("r3009");
      assertThat(db.count()).isEqualTo(3010);
      assertThat(db.exists("r10000")).isFalse();
    }
  }

  @Test
  void aBatchOfOneAppenderChunkIsCommittedWholeOrNotAtAll() {
    try (Database db = factory.open("duckdb", Map.of())) {
      db.create(Record.of("r" + (AppenderWriter.APPENDER_CHUNK - 1), Map.of("stored", true)));
      // the stored id comes last: every row before it has been appended when the key check fails
      List<Record> batch = rows(0, AppenderWriter.APPENDER_CHUNK);
      assertThatThrownBy(() -> db.createBatch(batch)).isInstanceOf(DuplicateRecordException.class)
          .extracting(e -> ((DuplicateRecordException) e).id()).isEqualTo("r" + (AppenderWriter.APPENDER_CHUNK - 1));
      assertThat(db.count()).isEqualTo(1);
      db.createBatch(rows(0, AppenderWriter.APPENDER_CHUNK - 1));
      assertThat(db.count()).isEqualTo(AppenderWriter.APPENDER_CHUNK);
    }
  }

  @Test
  void unsortedResultsFollowTheOrderOfWritesAcrossSingleAndBatchWritesAndReopening() {
    String path = dir.resolve("order.duckdb").toString();
    try (Database db = factory.open("duckdb", Map.of("path", path))) {
      db.create(Record.of("a", Map.of()));
      db.createBatch(List.of(Record.of("b", Map.of()), Record.of("c", Map.of())));
      db.upsert(Record.of("d", Map.of()));
      db.createBatch(List.of(Record.of("e", Map.of())));
      db.upsertBatch(List.of(Record.of("f", Map.of()), Record.of("a", Map.of("replaced", true))));
    }
    try (Database db = factory.open("duckdb", Map.of("path", path))) {
      db.createBatch(List.of(Record.of("g", Map.of())));
      db.create(Record.of("h", Map.of()));
      db.createBatch(List.of(Record.of("i", Map.of())));
      assertThat(db.search(Query.all())).extracting(Record::id).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
      try (java.util.stream.Stream<Record> stream = db.streamRead(Query.all())) {
        assertThat(stream.map(Record::id)).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
      }
    }
  }

  @Test
  void aTableWhoseSequenceStepsByOneKeepsWorking() throws Exception {
    String path = dir.resolve("legacy.duckdb").toString();
    try (java.sql.Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + path, new java.util.Properties());
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE records_seq");
      s.execute("CREATE TABLE records (id VARCHAR PRIMARY KEY, data JSON NOT NULL, data_types VARCHAR, metadata JSON NOT NULL,"
          + " metadata_types VARCHAR, version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
          + " seq BIGINT NOT NULL DEFAULT nextval('records_seq'))");
    }
    try (Database db = factory.open("duckdb", Map.of("path", path))) {
      db.create(Record.of("first", Map.of()));
      db.createBatch(rows(0, 3));
      db.create(Record.of("last", Map.of()));
      assertThat(db.search(Query.all())).extracting(Record::id).containsExactly("first", "r0", "r1", "r2", "last");
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
    assertThatThrownBy(() -> factory.open("duckdb", Map.of("typed_fields", -1))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("typed_fields").hasMessageContaining("-1");
    assertThatThrownBy(() -> factory.open("duckdb", Map.of("typed_fields", "many"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("typed_fields");
  }
}

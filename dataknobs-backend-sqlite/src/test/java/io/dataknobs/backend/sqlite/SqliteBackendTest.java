package io.dataknobs.backend.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.ReadOnlyDatabaseException;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.sql.JdbcDatabase;
import io.dataknobs.tck.ReadOnlyChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackendTest {
  private final DatabaseFactory factory = DatabaseFactory.standard();

  @TempDir
  Path dir;

  @Test
  void aReadOnlyDatabaseRejectsEveryWriteAndKeepsItsData() {
    String path = dir.resolve("ro.db").toString();
    try (Database rw = factory.open("sqlite", Map.of("path", path))) {
      rw.create(Record.of("kept", Map.of("v", 1)));
    }
    try (Database ro = factory.open("sqlite", Map.of("path", path, "read_only", true))) {
      ReadOnlyChecks.assertEveryWriteRejected(ro, "kept", ReadOnlyDatabaseException.class);
      assertThatThrownBy(() -> ro.create(Record.of("x", Map.of()))).hasMessageContaining("read-only");
    }
    assertThatThrownBy(() -> factory.open("sqlite", Map.of("path", path, "read_only", true, "table", "absent")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("absent");
  }

  @Test
  void expressionIndexesServeFilters() {
    try (Database db = factory.open("sqlite", Map.of("path", dir.resolve("ix.db").toString(), "indexes", List.of("status", "customer.id")))) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        rows.add(Record.of("r" + i, Map.of("status", "s" + (i % 50), "customer", Map.of("id", i % 300))));
      }
      db.createBatch(rows);
      JdbcDatabase sql = (JdbcDatabase) db;
      assertThat(String.join("\n", sql.explain(Query.all().filter("status", Operator.EQ, "s7"))))
          .containsIgnoringCase("USING INDEX");
      assertThat(String.join("\n", sql.explain(Query.all().filter("customer.id", Operator.EQ, 12))))
          .containsIgnoringCase("USING INDEX");
      assertThat(String.join("\n", sql.explain(Query.all().filter("other", Operator.EQ, 12)))).containsIgnoringCase("SCAN");
      assertThat(db.count(Query.all().filter("status", Operator.EQ, "s7"))).isEqualTo(40);
    }
    assertThatThrownBy(() -> factory.open("sqlite", Map.of("indexes", List.of("bad\"field"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("bad\"field");
  }

  @Test
  void configurationIsValidated() {
    assertThatThrownBy(() -> factory.open("sqlite", Map.of("journal_mode", "fast"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("journal_mode").hasMessageContaining("WAL");
    assertThatThrownBy(() -> factory.open("sqlite", Map.of("table", "x; DROP TABLE y"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("table");
    assertThatThrownBy(() -> factory.open("sqlite", Map.of("pth", "/tmp/x.db"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean 'path'");
  }

  @Test
  void dataSurvivesReopeningAFile() {
    String path = dir.resolve("persist.db").toString();
    try (Database db = factory.open("sqlite3", Map.of("path", path))) {
      db.create(Record.of("p", Map.of("nested", Map.of("a", List.of(1, 2)))));
    }
    try (Database db = factory.open("sqlite", Map.of("path", path))) {
      assertThat(db.read("p").orElseThrow().get("nested.a")).isEqualTo(List.of(1L, 2L));
    }
  }

  @Test
  void sortedStreamsUseACursorThatClosingGivesBack() {
    try (Database db = factory.open("sqlite", Map.of("path", dir.resolve("cursor.db").toString(), "read_connections", 1))) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        rows.add(Record.of(String.format("c%05d", i), Map.of("n", i % 100, "i", i)));
      }
      db.createBatch(rows);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
        for (int round = 0; round < 5; round++) {
          try (Stream<Record> s = db.streamRead(Query.all().sort("n", io.dataknobs.api.query.SortOrder.DESC).sort("i"),
              StreamConfig.builder().bufferSize(10).build())) {
            assertThat(s.iterator().next().id()).isEqualTo("c00099");
          }
          // with one read connection, a cursor left open would block this read
          assertThat(db.count(Query.all().filter("n", Operator.EQ, 5))).isEqualTo(30);
        }
        try (Stream<Record> s = db.streamRead(Query.all().filter("n", Operator.LT, 3).sort("i", io.dataknobs.api.query.SortOrder.DESC)
            .offset(5).limit(20).select("i"), StreamConfig.builder().bufferSize(7).build())) {
          List<Record> got = s.toList();
          assertThat(got).hasSize(20);
          assertThat(got.get(0).data()).containsOnlyKeys("i");
          assertThat(got).isEqualTo(db.search(Query.all().filter("n", Operator.LT, 3).sort("i", io.dataknobs.api.query.SortOrder.DESC)
              .offset(5).limit(20).select("i")));
        }
      });
    }
  }

  @Test
  void unsortedStreamsPageByKeysetWithBoundedBuffers() {
    try (Database db = factory.open("sqlite", Map.of())) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        rows.add(Record.of(String.format("k%05d", i), Map.of("n", i, "even", i % 2 == 0)));
      }
      db.createBatch(rows);
      try (Stream<Record> s = db.streamRead(Query.all().filter("even", Operator.EQ, true).offset(10).limit(1000),
          StreamConfig.builder().bufferSize(64).build())) {
        List<Record> got = s.toList();
        assertThat(got).hasSize(1000);
        assertThat(got.get(0).id()).isEqualTo("k00020");
      }
      try (Stream<Record> s = db.streamRead(Query.all().filter("n", Operator.REGEX, "x"), StreamConfig.defaults())) {
        assertThat(s).isEmpty();
      }
    }
  }
}

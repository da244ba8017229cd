package io.dataknobs.backend.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.SortOrder;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.pool.ConnectionPoolManager;
import io.dataknobs.testservers.ElasticsearchServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Elasticsearch specifics: no hidden page size, exactness where the index cannot be exact, ids, PITs, configuration. */
class ElasticsearchBackendTest {
  private static final DatabaseFactory FACTORY = new DatabaseFactory(new ElasticsearchBackendProvider());

  private static Map<String, Object> config(Object... more) {
    Map<String, Object> m = ElasticsearchTckTest.freshIndexConfig("estest");
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  private static List<String> ids(List<Record> rs) {
    List<String> out = new ArrayList<>();
    rs.forEach(r -> out.add(r.id()));
    return out;
  }

  @Test
  void aSearchWithoutLimitReturnsAll25000Matches() {
    try (Database db = FACTORY.open("elasticsearch", config())) {
      Stream<Record> records = IntStream.range(0, 30_000).mapToObj(i -> Record.builder().id("r" + i).put("n", i)
          .put("kind", i < 25_000 ? "match" : "other").build());
      assertThat(db.streamWrite(records, StreamConfig.builder().batchSize(2000).build()).successful()).isEqualTo(30_000);
      Query q = Query.all().filter("kind", Operator.EQ, "match");
      assertThat(db.search(q)).hasSize(25_000);
      assertThat(db.count(q)).isEqualTo(25_000);
      List<Record> sorted = db.search(q.sort("n", SortOrder.DESC).offset(20_000));
      assertThat(sorted).hasSize(5_000);
      assertThat(sorted.get(0).id()).isEqualTo("r4999");
      try (Stream<Record> s = db.streamRead(q, StreamConfig.builder().bufferSize(500).build())) {
        assertThat(s.count()).isEqualTo(25_000);
      }
      assertThat(db.aggregate(q.groupBy("kind"), Aggregation.count())).singleElement()
          .satisfies(r -> assertThat(((Number) r.get("count")).longValue()).isEqualTo(25_000));
    }
  }

  @Test
  void aggregationsRunInElasticsearchWhenProvablyExactAndAgreeWithTheReference() {
    Map<String, Object> cfg = config();
    try (Database db = FACTORY.open("elasticsearch", cfg);
         ElasticsearchConnections.Connection raw = ElasticsearchConnections.open(ElasticsearchServer.shared().config())) {
      List<Record> rs = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        Record.Builder b = Record.builder().id("r" + i).put("amount", (long) (i % 97) - 40).put("flag", i % 3 == 0)
            .put("team", Map.of("name", "t" + (i % 7)));
        if (i % 5 != 0) {
          b.put("region", i % 2 == 0 ? "north" : "south");
        }
        if (i % 11 == 0) {
          b.put("size", i);
        }
        rs.add(b.build());
      }
      db.createBatch(rs);
      Aggregation[] aggs = {Aggregation.count(), Aggregation.count("size"), Aggregation.sum("amount"), Aggregation.avg("amount"),
          Aggregation.min("amount"), Aggregation.max("size")};
      List<Query> queries = List.of(Query.all(), Query.all().groupBy("region"), Query.all().groupBy("region", "flag"),
          Query.all().groupBy("team.name").filter("amount", Operator.GT, 0), Query.all().groupBy("size").offset(3).limit(5),
          Query.all().groupBy("flag").filter("region", Operator.EQ, "nowhere"));
      NativeAggregation nat = new NativeAggregation(raw.client(), (String) cfg.get("index"));
      for (Query q : queries) {
        List<Record> reference = io.dataknobs.core.query.Aggregator.aggregate(q, List.of(aggs), db.search(Query.all()));
        assertThat(db.aggregate(q, aggs)).as(q.toString()).isEqualTo(reference);
        assertThat(nat.run(q, QueryTranslator.translate(q.matchesAll() ? null : q.condition(), List.of()), List.of(aggs)))
            .as("pushed down: " + q).isEqualTo(reference);
      }
      db.create(Record.builder().id("double").put("amount", 2.5).put("region", 7.5).build());
      Query byRegion = Query.all().groupBy("region");
      assertThat(db.count()).isEqualTo(2501); // the database refreshes the index for its own search
      assertThat(nat.run(byRegion, QueryTranslator.translate(null, List.of()), List.of(aggs))).isNull(); // a double group value
      Query byFlag = Query.all().groupBy("flag"); // a double amount among integers: still native, as a double sum
      List<Record> reference = io.dataknobs.core.query.Aggregator.aggregate(byFlag, List.of(aggs), db.search(Query.all()));
      assertThat(nat.run(byFlag, QueryTranslator.translate(null, List.of()), List.of(aggs))).isEqualTo(reference);
      assertThat(reference.get(2).get("sum_amount")).isEqualTo(2.5);
      assertThat(db.aggregate(byRegion, aggs))
          .isEqualTo(io.dataknobs.core.query.Aggregator.aggregate(byRegion, List.of(aggs), db.search(Query.all())));
    }
  }

  @Test
  void valuesTheIndexCannotHoldExactlyAreStillComparedExactly() {
    long big = (1L << 60) + 1; // a double rounds it to 2^60
    String huge = "é".repeat(20_000); // 40,000 UTF-8 bytes: more than one keyword term holds
    try (Database db = FACTORY.open("elasticsearch", config())) {
      db.create(Record.builder().id("big").put("n", big).put("s", huge).put("l", List.of(3, 1)).build());
      db.create(Record.builder().id("round").put("n", 1L << 60).put("s", "short").put("l", List.of(2)).build());
      db.create(Record.builder().id("dec").put("n", new BigDecimal("0.1000000000000001")).put("s", huge + "x").build());
      assertThat(ids(db.search(Query.all().filter("n", Operator.EQ, big)))).containsExactly("big");
      assertThat(ids(db.search(Query.all().filter("n", Operator.EQ, 1L << 60)))).containsExactly("round");
      assertThat(ids(db.search(Query.all().filter("n", Operator.GT, new BigDecimal("0.1")).sort("n")))).containsExactly("dec", "round", "big");
      assertThat(db.count(Query.all().filter("n", Operator.GT, 1L << 60))).isEqualTo(1);
      assertThat(ids(db.search(Query.all().filter("s", Operator.EQ, huge)))).containsExactly("big");
      assertThat(ids(db.search(Query.all().filter("s", Operator.LIKE, "%X").limit(5)))).containsExactly("dec");
      assertThat(ids(db.search(Query.all().filter("s", Operator.REGEX, "^é+$")))).containsExactly("big");
      assertThat(ids(db.search(Query.all().sort("l").sort("id")))).containsExactly("round", "big", "dec");
      assertThat(ids(db.search(Query.all().filter("l.0", Operator.EQ, 3)))).containsExactly("big");
      assertThat(db.read("big").orElseThrow().get("s")).isEqualTo(huge);
    }
  }

  @Test
  void idsLongerThanElasticsearchAllowsRoundTripAndStayDistinct() {
    List<String> ids = List.of("x".repeat(600), "x".repeat(601), "ü".repeat(300), "~h" + "0".repeat(64), "a/b", "../x", "_doc");
    try (Database db = FACTORY.open("elasticsearch", config())) {
      for (String id : ids) {
        db.create(Record.builder().id(id).put("was", id).build());
      }
      assertThat(db.count()).isEqualTo(ids.size());
      for (String id : ids) {
        assertThat(db.read(id).orElseThrow().get("was")).isEqualTo(id);
        assertThat(ids(db.search(Query.all().filter("id", Operator.EQ, id)))).containsExactly(id);
      }
      assertThat(db.readBatch(ids)).allSatisfy(r -> assertThat(r).isPresent());
    }
  }

  @Test
  void closingAStreamEarlyClosesItsPointInTime() throws Exception {
    Map<String, Object> cfg = config();
    try (Database db = FACTORY.open("elasticsearch", cfg);
         ElasticsearchConnections.Connection raw = ElasticsearchConnections.open(ElasticsearchServer.shared().config())) {
      db.createBatch(IntStream.range(0, 300).mapToObj(i -> Record.builder().id("r" + i).put("n", i).build()).toList());
      long before = openContexts(raw.client());
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(10).build())) {
        Iterator<Record> it = s.iterator();
        it.next();
        assertThat(openContexts(raw.client())).isGreaterThan(before);
      }
      assertThat(openContexts(raw.client())).isEqualTo(before);
    }
  }

  private static long openContexts(ElasticsearchClient client) throws Exception {
    return client.nodes().stats(s -> s.metric(co.elastic.clients.elasticsearch.nodes.stats.NodeStatsMetric.Indices)).nodes().values().stream()
        .mapToLong(n -> n.indices().search().openContexts()).sum();
  }

  @Test
  void mappingsAndSettingsAreMergedIntoTheCreatedIndex() throws Exception {
    Map<String, Object> cfg = config("settings", Map.of("index", Map.of("max_result_window", 50)),
        "mappings", Map.of("_meta", Map.of("owner", "dataknobs-test")), "index.refresh_interval", "5s");
    String index = (String) cfg.get("index");
    try (Database db = FACTORY.open("elasticsearch", cfg);
         ElasticsearchConnections.Connection raw = ElasticsearchConnections.open(ElasticsearchServer.shared().config())) {
      var settings = raw.client().indices().getSettings(g -> g.index(index)).get(index).settings().index();
      assertThat(settings.maxResultWindow()).isEqualTo(50);
      assertThat(settings.refreshInterval().time()).isEqualTo("5s");
      assertThat(settings.numberOfReplicas()).isEqualTo("0");
      var mapping = raw.client().indices().getMapping(g -> g.index(index)).get(index).mappings();
      assertThat(mapping.meta().get("owner").to(String.class)).isEqualTo("dataknobs-test");
      db.createBatch(IntStream.range(0, 120).mapToObj(i -> Record.builder().id("r" + i).put("n", i).build()).toList());
      // pages past the window go through a point in time
      assertThat(ids(db.search(Query.all().sort("n").offset(40).limit(30)))).hasSize(30).first().isEqualTo("r40");
    }
  }

  @Test
  void refreshTrueMakesWritesVisibleToOtherDatabasesAtOnce() {
    Map<String, Object> cfg = config("refresh", "true");
    try (Database writer = FACTORY.open("elasticsearch", cfg); Database reader = FACTORY.open("elasticsearch", cfg)) {
      assertThat(reader.count()).isZero();
      writer.createBatch(List.of(Record.of("a", Map.of("v", 1)), Record.of("b", Map.of("v", 2))));
      writer.create(Record.of("c", Map.of("v", 3)));
      assertThat(reader.count(Query.all().filter("v", Operator.GTE, 2))).isEqualTo(2);
    }
  }

  @Test
  void databasesOnOneClusterShareOneClient() {
    int before = ConnectionPoolManager.shared().poolCount();
    try (Database a = FACTORY.open("es", config()); Database b = FACTORY.open("es", config("refresh", "wait_for"))) {
      assertThat(ConnectionPoolManager.shared().poolCount()).isEqualTo(before + 1);
      a.create(Record.of("x", Map.of("v", 1)));
      assertThat(b.count()).isZero(); // another index
    }
    assertThat(ConnectionPoolManager.shared().poolCount()).isEqualTo(before);
  }

  @Test
  void badConfigurationNamesTheKeyAndNoSecretLeaks() {
    assertThatThrownBy(() -> FACTORY.open("elasticsearch", config("index", "Bad Index"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(() -> FACTORY.open("elasticsearch", config("refresh", "sometimes"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("refresh");
    assertThatThrownBy(() -> FACTORY.open("elasticsearch", config("hosts", List.of("ftp://nowhere"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("hosts");
    assertThatThrownBy(() -> FACTORY.open("elasticsearch", config("indx", "a"))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("index");
    Map<String, Object> secret = config("username", "elastic", "password", "hunter2-secret", "create_index", false);
    assertThatThrownBy(() -> FACTORY.open("elasticsearch", secret)).isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("hunter2-secret");
    assertThat(FACTORY.describe("elasticsearch").toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> FACTORY.open("elasticsearch", config("ca_certs", "/nonexistent/ca.pem")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("ca_certs");
    Map<String, Object> keyed = config("api_key", "c2VjcmV0LWtleS12YWx1ZQ==");
    try (Database db = FACTORY.open("elasticsearch", keyed)) { // the test node has no security: the key is sent and ignored
      db.create(Record.of("a", Map.of("v", 1)));
      assertThat(db.toString()).doesNotContain("c2VjcmV0");
    }
    assertThat(ConnectionPoolManager.shared().poolInfo().toString()).doesNotContain("hunter2-secret").doesNotContain("c2VjcmV0");
  }
}

package io.dataknobs.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DatabaseFactory;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The service's database: calls go to the instance open now, a swapped-out one closes after what holds it. */
class SwappableDatabaseTest {
  private static Database memory(String... ids) {
    Database db = DatabaseFactory.standard().open("memory", Map.of());
    for (String id : ids) {
      db.create(Record.of(id, Map.of("v", id)));
    }
    return db;
  }

  @Test
  void callsGoToTheCurrentInstanceAndAnOpenStreamKeepsTheOldOneOpen() {
    Database first = memory("a", "b");
    SwappableDatabase s = new SwappableDatabase("orders", first);
    Database db = s.database();
    assertThat(db.count()).isEqualTo(2);
    Stream<Record> stream = db.streamRead(Query.all());
    Iterator<Record> it = stream.iterator();
    assertThat(it.next().id()).isEqualTo("a");

    Database second = memory("c");
    s.swap(second);
    assertThat(db.count()).as("new calls: the new instance").isEqualTo(1);
    assertThat(first.isClosed()).as("a stream still reads the old one").isFalse();
    assertThat(it.next().id()).isEqualTo("b");
    stream.close();
    assertThat(first.isClosed()).as("closed once nothing holds it").isTrue();

    db.close();
    assertThat(second.isClosed()).as("closing the service does nothing").isFalse();
    assertThat(db.async().count(Query.all()).join()).isEqualTo(1);
    s.close();
    assertThat(second.isClosed()).isTrue();
    assertThat(db.toString()).contains("orders");
  }
}

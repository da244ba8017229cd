package io.dataknobs.it.faults;

import io.dataknobs.api.Database;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.core.DatabaseFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Streams every record of a backend (from {@code key=value} arguments) and prints how many and the largest heap seen. */
public final class StreamReaderChild {
  private StreamReaderChild() {}

  public static void main(String[] args) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    long n = 0;
    long sum = 0;
    try (Database db = DatabaseFactory.standard().open(args[0], config);
        Stream<io.dataknobs.api.Record> s = db.streamRead(Query.all(), StreamConfig.builder().bufferSize(1_000).build())) {
      var it = s.iterator();
      while (it.hasNext()) {
        sum += (Long) it.next().get("n");
        n++;
      }
    }
    System.out.println("STREAMED " + n + " " + sum);
  }
}

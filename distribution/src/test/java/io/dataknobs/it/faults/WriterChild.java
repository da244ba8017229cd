package io.dataknobs.it.faults;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.stream.StreamConfig;
import io.dataknobs.api.stream.StreamResult;
import io.dataknobs.core.DatabaseFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process {@link KillDuringStreamWriteTest} kills: opens a backend from {@code key=value}
 * arguments and calls {@code streamWrite} with {@value #PER_CALL} records in batches of
 * {@value #BATCH}, over and over, printing {@code ACK n} once call n has returned.
 */
public final class WriterChild {
  static final int PER_CALL = 2_000;
  static final int BATCH = 250;

  private WriterChild() {}

  /** @return the record at call {@code call}, position {@code i}: its payload is derived from its id */
  static Record record(int call, int i) {
    String id = String.format("c%05d-b%03d-r%04d", call, i / BATCH, i);
    return Record.of(id, Map.of("v", payload(id), "call", call, "pad", "x".repeat(200)));
  }

  static String payload(String id) {
    return Integer.toHexString(id.hashCode()) + ":" + id.length();
  }

  public static void main(String[] args) {
    String backend = args[0];
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (Database db = DatabaseFactory.standard().open(backend, config)) {
      for (int call = 0; ; call++) {
        List<Record> records = new ArrayList<>(PER_CALL);
        for (int i = 0; i < PER_CALL; i++) {
          records.add(record(call, i));
        }
        StreamResult r = db.streamWrite(records, StreamConfig.builder().batchSize(BATCH).build());
        if (r.failed() != 0) {
          throw new IllegalStateException("call " + call + " failed: " + r);
        }
        System.out.println("ACK " + call);
        System.out.flush();
      }
    }
  }
}

package io.dataknobs.backend.file;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run in a child process by {@link FileBackendTest}: writes batches of {@code batch} records into
 * the file named by the first argument forever, printing {@code acked <n>} after each batch
 * returns, until the test kills the process.
 */
public final class FileCrashWriter {
  private FileCrashWriter() {}

  public static void main(String[] args) {
    int batch = Integer.parseInt(args[1]);
    try (Database db = FileTckTest.FACTORY.open("file", Map.of("path", args[0], "compact_bytes", "64kB"))) {
      for (int b = 0; ; b++) {
        List<Record> records = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
          records.add(Record.builder().id("r" + b + "-" + i).put("batch", b).put("i", i).put("pad", "x".repeat(200)).build());
        }
        db.createBatch(records);
        if (b % 3 == 0) {
          db.update("r" + b + "-0", Record.builder().put("batch", b).put("i", 0).put("updated", true).build());
        }
        System.out.println("acked " + b);
        System.out.flush();
      }
    }
  }
}

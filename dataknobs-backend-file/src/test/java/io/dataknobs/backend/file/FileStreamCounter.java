package io.dataknobs.backend.file;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run in a child process with a small heap by {@link FileBackendTest}: streams every record of a
 * file opened read-only and counts a filter, printing {@code streamed <n> bytes <b> matched <m>}.
 */
public final class FileStreamCounter {
  private FileStreamCounter() {}

  public static void main(String[] args) {
    try (Database db = FileTckTest.FACTORY.open("file", Map.of("path", args[0], "read_only", true))) {
      long n = 0;
      long bytes = 0;
      try (Stream<Record> s = db.streamRead(Query.all(), StreamConfig.defaults())) {
        for (Record r : (Iterable<Record>) s::iterator) {
          n++;
          bytes += ((String) r.get("pad")).length();
        }
      }
      long m = db.count(Query.all().filter("n", Operator.LT, 1000));
      System.out.println("streamed " + n + " bytes " + bytes + " matched " + m);
    }
  }
}

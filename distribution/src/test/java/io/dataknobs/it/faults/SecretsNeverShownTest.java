package io.dataknobs.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Operator;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.testservers.PostgresServer;
import io.dataknobs.testservers.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Passwords and secret keys never reach a log line, an exception's message or {@code toString},
 * a database's {@code toString} or its pool info: the logs are captured while databases are
 * opened, used, refused and closed.
 */
class SecretsNeverShownTest {
  private static final String PG_SECRET = "Pg-Secret-7f3a9";

  @Test
  void noSecretInLogsMessagesOrToString() throws Exception {
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    List<String> shown = new ArrayList<>();
    String s3Secret = String.valueOf(S3Server.shared().config().get("secret_access_key"));
    System.setErr(tee);
    System.setOut(tee);
    try {
      Map<String, Object> pg = new LinkedHashMap<>(PostgresServer.shared().config());
      pg.put("password", PG_SECRET);
      pg.put("schema", "secrets");
      pg.put("table", "s" + ProcessHandle.current().pid());
      try (Database db = DatabaseFactory.standard().open("postgres", pg)) {
        db.create(Record.of("a", Map.of("v", 1)));
        shown.add(db.toString());
        shown.add(String.valueOf(io.dataknobs.core.pool.ConnectionPoolManager.shared().poolInfo()));
        try {
          db.create(Record.of("a", Map.of("v", 2)));
        } catch (RuntimeException e) {
          shown.add(e.toString());
        }
        db.count(Query.all().filter("v", Operator.REGEX, "x{1,99999}"));
      }
      Map<String, Object> unreachable = new LinkedHashMap<>(pg);
      unreachable.put("url", "jdbc:postgresql://127.0.0.1:1/x");
      unreachable.put("connection_timeout", "1s");
      try {
        DatabaseFactory.standard().open("postgres", unreachable).close();
      } catch (RuntimeException e) {
        shown.add(e.toString());
        shown.add(String.valueOf(e.getCause()));
      }
      Map<String, Object> s3 = new LinkedHashMap<>(S3Server.shared().config());
      s3.put("bucket", "secrets-" + ProcessHandle.current().pid());
      try (Database db = DatabaseFactory.standard().open("s3", s3)) {
        db.create(Record.of("a", Map.of("v", 1)));
        shown.add(db.toString());
      }
      Map<String, Object> wrong = new LinkedHashMap<>(s3);
      wrong.put("secret_access_key", "Wrong-Secret-42");
      try {
        DatabaseFactory.standard().open("s3", wrong).close();
      } catch (RuntimeException e) {
        shown.add(e.toString());
      }
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    String everything = captured.toString(StandardCharsets.UTF_8) + String.join("\n", shown);
    assertThat(everything).as("logs and messages").isNotBlank().doesNotContain(PG_SECRET).doesNotContain("Wrong-Secret-42")
        .doesNotContain(s3Secret);
  }
}

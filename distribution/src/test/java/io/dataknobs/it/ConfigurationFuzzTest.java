package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigType;
import io.dataknobs.spi.DecoratorProvider;
import io.dataknobs.testservers.ElasticsearchServer;
import io.dataknobs.testservers.PostgresServer;
import io.dataknobs.testservers.S3Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of every backend and decorator, given a blank, wrong-typed, negative or absurd
 * value, opens (the value is acceptable) or fails with a {@code ConfigurationException} naming
 * the key: never an untyped exception from a driver or SDK. Real engines and servers behind each.
 */
class ConfigurationFuzzTest {
  @TempDir
  Path dir;

  private final AtomicInteger n = new AtomicInteger();
  private final DatabaseFactory factory = DatabaseFactory.standard();

  private Map<String, Object> base(String backend) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (backend) {
      case "sqlite", "duckdb" -> m.put("path", dir.resolve(backend + n.incrementAndGet() + ".db").toString());
      case "file" -> m.put("path", dir.resolve("file" + n.incrementAndGet() + ".csv").toString());
      case "postgres" -> {
        m.putAll(PostgresServer.shared().config());
        m.put("schema", "fuzz");
        m.put("table", "t" + n.incrementAndGet());
      }
      case "s3" -> {
        m.putAll(S3Server.shared().config());
        m.put("bucket", "fuzz-" + ProcessHandle.current().pid());
        m.put("prefix", "p" + n.incrementAndGet() + "/");
      }
      case "elasticsearch" -> {
        m.putAll(ElasticsearchServer.shared().config());
        m.put("index", "fuzz-" + n.incrementAndGet());
      }
      default -> { }
    }
    return m;
  }

  static List<Object> badValues(ConfigType type) {
    List<Object> out = new ArrayList<>(List.of("", "   ", Map.of("x", 1), List.of(1, 2), "\u0000"));
    switch (type) {
      case INT, LONG, DOUBLE, SIZE, DURATION -> out.addAll(List.of(-1, 0, Long.MAX_VALUE, 1e300, -1e300, "abc", "-5s", "99999999999999999999"));
      case BOOLEAN -> out.addAll(List.of("maybe", 2));
      case STRING -> out.addAll(List.of("x".repeat(5_000), -1));
      default -> { }
    }
    return out;
  }

  private static String render(Object v) {
    String s = String.valueOf(v);
    return v instanceof String ? "\"" + (s.length() > 20 ? s.substring(0, 20) + "…" : s).replace("\u0000", "\\0") + "\"" : s;
  }

  private void attempt(List<String> problems, String what, String key, Object value, Supplier<Database> open) {
    try (Database db = open.get()) {
      db.count();
    } catch (ConfigurationException e) {
      if (!e.getMessage().contains(key)) {
        problems.add(what + " " + key + "=" + render(value) + ": ConfigurationException not naming the key: " + e.getMessage());
      }
    } catch (RuntimeException | Error e) {
      problems.add(what + " " + key + "=" + render(value) + ": " + e.getClass().getName() + ": " + e.getMessage());
    }
  }

  @Test
  void everyBackendKeyRefusesBadValuesByName() {
    List<String> problems = new ArrayList<>();
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
      for (ConfigKey key : p.configSpec().keys()) {
        if (key.name().equals("table") || key.name().equals("index") || key.name().equals("bucket") || key.name().equals("schema")) {
          continue; // names of things the engine creates: checked by their own tests (validated identifiers)
        }
        boolean file = key.name().equals("path") || key.name().equals("ca_certs");
        // a file key gets no relative names (they would land in the working directory)
        List<Object> values = file ? List.of("", "   ", "\u0000", Map.of("x", 1), List.of(1), dir.resolve("missing/folder/x").toString(),
            dir.resolve("x".repeat(300)).toString()) : badValues(key.type());
        for (Object bad : values) {
          attempt(problems, p.name(), key.name(), bad, () -> {
            Map<String, Object> cfg = base(p.name());
            cfg.put(key.name(), bad);
            return factory.open(p.name(), cfg);
          });
        }
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void everyDecoratorKeyRefusesBadValuesByName() {
    List<String> problems = new ArrayList<>();
    for (DecoratorProvider d : ServiceLoader.load(DecoratorProvider.class)) {
      for (Object whole : List.of("", -1, List.of(1))) {
        attempt(problems, "memory+" + d.name(), d.name(), whole, () -> factory.open("memory", Map.of(d.name(), whole)));
      }
      for (ConfigKey key : d.configSpec().keys()) {
        for (Object bad : badValues(key.type())) {
          attempt(problems, "memory+" + d.name(), key.name(), bad, () -> factory.open("memory", Map.of(d.name(), Map.of(key.name(), bad))));
        }
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }
}

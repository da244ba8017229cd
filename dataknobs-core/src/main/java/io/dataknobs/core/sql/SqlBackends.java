package io.dataknobs.core.sql;

import io.dataknobs.api.Database;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.ConfigType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the SQL backends' providers share: the common configuration keys and opening a table safely. */
public final class SqlBackends {
  private SqlBackends() {}

  /** @return a spec builder with {@code path}, {@code table}, {@code read_only}, {@code indexes} and {@code read_connections} */
  public static ConfigSpec.Builder commonKeys() {
    return ConfigSpec.builder()
        .add("path", ConfigType.STRING, ":memory:", "database file, or :memory: for a private in-memory database")
        .add("table", ConfigType.STRING, "records", "table holding the records (created when missing)")
        .add("read_only", ConfigType.BOOLEAN, false, "open read-only: every write is rejected")
        .add("indexes", ConfigType.LIST, List.of(), "fields to give expression indexes, e.g. [status, customer.id] (engines that can index JSON paths)")
        .add("read_connections", ConfigType.INT, 4, "connections that read while the writer works");
  }

  /** @return true if {@code path} names a private in-memory database */
  public static boolean isMemory(String path) {
    return path == null || path.isEmpty() || path.equals(":memory:");
  }

  /** @return the {@code indexes} key as field paths */
  public static List<String> indexes(BackendConfig config) {
    List<String> out = new ArrayList<>();
    config.getList("indexes").forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  /** Builds a database on an open connection. */
  @FunctionalInterface
  public interface Opener {
    /** @return the database owning {@code c} */
    Database open(Connection c);
  }

  /** Runs {@code opener}, closing {@code c} if it fails (the failure keeps the close error as suppressed). */
  public static Database openOrClose(Connection c, Opener opener) {
    try {
      return opener.open(c);
    } catch (RuntimeException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}

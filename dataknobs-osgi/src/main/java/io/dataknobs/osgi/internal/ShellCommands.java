package io.dataknobs.osgi.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.core.pool.ConnectionPoolManager;
import io.dataknobs.core.pool.PoolInfo;
import io.dataknobs.osgi.DatabaseServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code dataknobs} commands of the Gogo shell: {@code backends}, {@code decorators},
 * {@code databases}, {@code poolInfo}, {@code health} and {@code metrics} (all databases, or one by
 * name), and {@code count}, {@code query}, {@code get} against a configured database by name (a filter is the canonical query map as JSON,
 * {@code {"where": {"field": "status", "op": "EQ", "value": "open"}}}). Each returns text Gogo prints.
 */
@Component(service = ShellCommands.class, property = {"osgi.command.scope=dataknobs", "osgi.command.function=backends",
    "osgi.command.function=decorators", "osgi.command.function=databases", "osgi.command.function=poolInfo",
    "osgi.command.function=count", "osgi.command.function=query", "osgi.command.function=get", "osgi.command.function=health",
    "osgi.command.function=metrics"})
public final class ShellCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Reference
  private DatabaseFactory factory;
  private BundleContext context;

  @Activate
  void activate(BundleContext context) {
    this.context = context;
  }

  /** @return the backends deployed */
  public String backends() {
    return String.join("\n", factory.backends());
  }

  /** @return the decorators deployed */
  public String decorators() {
    return String.join("\n", factory.decorators());
  }

  /** @return the configured databases: name, backend */
  public String databases() throws InvalidSyntaxException {
    StringBuilder sb = new StringBuilder(String.format("%-20s %s%n", "NAME", "BACKEND"));
    for (ServiceReference<Database> r : context.getServiceReferences(Database.class, "(" + DatabaseServices.NAME + "=*)")) {
      sb.append(String.format("%-20s %s%n", r.getProperty(DatabaseServices.NAME), r.getProperty(DatabaseServices.BACKEND)));
    }
    return sb.toString().stripTrailing();
  }

  /** @return the shared connection pools: owner, backend, holders, active, idle, total, waiting */
  public String poolInfo() {
    StringBuilder sb = new StringBuilder(String.format("%-24s %-10s %7s %6s %4s %5s %7s%n", "OWNER", "BACKEND", "HOLDERS", "ACTIVE", "IDLE",
        "TOTAL", "WAITING"));
    for (PoolInfo p : ConnectionPoolManager.shared().poolInfo()) {
      sb.append(String.format("%-24s %-10s %7d %6d %4d %5d %7d%n", p.owner(), p.backend(), p.holders(), p.active(), p.idle(), p.total(),
          p.waiting()));
    }
    return sb.toString().stripTrailing();
  }

  /** @return every configured database's health: name, status, latency, pool state or why it is down */
  public String health() throws InvalidSyntaxException {
    StringBuilder sb = new StringBuilder();
    for (String name : names()) {
      sb.append(health(name)).append('\n');
    }
    return sb.length() == 0 ? "no configured databases" : sb.toString().stripTrailing();
  }

  /** @return one database's health (a probe of its engine, 5 s at most) */
  public String health(String name) throws InvalidSyntaxException {
    return withDatabase(name, db -> String.format("%-20s %s", name, db.health(java.time.Duration.ofSeconds(5))));
  }

  /** @return the meters of every measured database: per-operation timers, pools, caches, limits, health */
  public String metrics() throws InvalidSyntaxException {
    return metricsOf(null);
  }

  /** @return the meters of one database */
  public String metrics(String name) throws InvalidSyntaxException {
    return metricsOf(name);
  }

  private String metricsOf(String name) throws InvalidSyntaxException {
    MeterRegistries registries = new MeterRegistries(context, () -> { });
    try {
      return io.dataknobs.osgi.internal.metrics.MeterReport.of(registries.current(), name);
    } catch (LinkageError e) {
      return "Micrometer is not installed in the container: add micrometer-core to see metrics";
    } finally {
      registries.close();
    }
  }

  /** @return how many records the database holds */
  public long count(String name) throws InvalidSyntaxException, IOException {
    return count(name, "{}");
  }

  /** @return how many records match the query (its canonical map as JSON) */
  public long count(String name, String query) throws InvalidSyntaxException, IOException {
    Query q = parse(query);
    return withDatabase(name, db -> db.count(q));
  }

  /** @return the first 20 records */
  public String query(String name) throws InvalidSyntaxException, IOException {
    return query(name, "{\"limit\": 20}");
  }

  /** @return the records the query (its canonical map as JSON) finds, one per line */
  public String query(String name, String query) throws InvalidSyntaxException, IOException {
    Query q = parse(query);
    return withDatabase(name, db -> {
      List<String> lines = new ArrayList<>();
      for (Record r : db.search(q)) {
        lines.add(r.id() + "  " + r.data());
      }
      return String.join("\n", lines);
    });
  }

  /** @return the record with that id, or a line saying there is none */
  public String get(String name, String id) throws InvalidSyntaxException, IOException {
    return withDatabase(name, db -> db.read(id).map(r -> r.id() + "  " + r.data()).orElse("no record '" + id + "' in " + name));
  }

  private static Query parse(String json) throws IOException {
    return Query.fromMap(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
  }

  private <T> T withDatabase(String name, java.util.function.Function<Database, T> work) throws InvalidSyntaxException {
    var refs = context.getServiceReferences(Database.class, "(" + DatabaseServices.NAME + "=" + name + ")");
    if (refs.isEmpty()) {
      throw new IllegalArgumentException("no configured database '" + name + "'; configured: " + names());
    }
    ServiceReference<Database> ref = refs.iterator().next();
    Database db = context.getService(ref);
    try {
      return work.apply(db);
    } finally {
      context.ungetService(ref);
    }
  }

  private List<String> names() throws InvalidSyntaxException {
    List<String> out = new ArrayList<>();
    for (ServiceReference<Database> r : context.getServiceReferences(Database.class, "(" + DatabaseServices.NAME + "=*)")) {
      out.add(String.valueOf(r.getProperty(DatabaseServices.NAME)));
    }
    return out;
  }
}

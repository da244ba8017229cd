package io.dataknobs.cli;

import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigKey;
import io.dataknobs.spi.ConfigSpec;
import java.io.PrintWriter;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists the discovered backends and decorators with their configuration keys. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the backends and decorators found on the class path and the configuration keys each accepts.")
final class BackendsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Show only this backend (a name or alias) or decorator.")
  String only;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DatabaseFactory factory = DatabaseFactory.standard();
    boolean decoratorOnly = only != null && factory.decorators().contains(only);
    Iterable<String> names = decoratorOnly ? java.util.List.of()
        : only == null ? factory.backends() : java.util.List.of(factory.provider(only).name());
    for (String name : names) {
      BackendProvider p = factory.provider(name);
      out.printf("%s%s%n  %s%n", p.name(), p.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", new TreeSet<>(p.aliases())) + ")",
          p.description());
      keys(out, p.configSpec());
      out.println();
    }
    if (only == null || decoratorOnly) {
      out.println("decorators: " + (factory.decorators().isEmpty() ? "(none installed)" : String.join(", ", factory.decorators()))
          + " (a section of that name on any database; stacked from the backend outwards: bulkhead, rate_limit,"
          + " circuit_breaker, retry, cache, metrics)");
      for (String d : decoratorOnly ? java.util.List.of(only) : factory.decorators()) {
        out.printf("%n%s:%n", d);
        keys(out, factory.describe(d));
      }
    }
    out.flush();
    return 0;
  }

  private static void keys(PrintWriter out, ConfigSpec spec) {
    if (spec.keys().isEmpty()) {
      out.println("  (no configuration keys)");
    }
    for (ConfigKey k : spec.keys()) {
      String dflt = k.defaultValue() == null || k.secret() ? "" : " = " + k.defaultValue();
      String flags = (k.required() ? " required" : "") + (k.secret() ? " secret" : "");
      String aliases = k.aliases().isEmpty() ? "" : " (also " + String.join(", ", k.aliases()) + ")";
      out.printf("  %-32s %-9s%s%s%n      %s%n", k.name() + aliases, k.type().name().toLowerCase(java.util.Locale.ROOT), dflt, flags,
          k.description());
    }
  }
}

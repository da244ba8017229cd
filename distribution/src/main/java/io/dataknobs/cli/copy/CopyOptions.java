package io.dataknobs.cli.copy;

import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.ConflictPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code copy}, {@code import} and {@code export} share. */
public final class CopyOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "YAML file with a 'databases' section: SOURCE and TARGET may name its entries (secrets as ${VAR}).")
  Path config;

  @Option(names = "--query", paramLabel = "JSON",
      description = "Which records to copy, as the canonical query map, e.g. {\"filters\":[{\"field\":\"status\",\"operator\":\"EQ\",\"value\":\"active\"}]}.")
  String query;

  @Option(names = {"-w", "--where"}, paramLabel = "EXPR",
      description = "A filter as query takes it, e.g. 'status = paid', 'amount > 100'; repeat to AND several.")
  java.util.List<String> where = new java.util.ArrayList<>();

  @Option(names = "--batch-size", defaultValue = "1000", description = "Records per batch written (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--on-conflict", defaultValue = "insert", paramLabel = "insert|skip|upsert",
      description = "A record whose id the target holds: insert (report it as failed), skip it, or upsert it (default: ${DEFAULT-VALUE}).")
  String onConflict;

  @Option(names = "--on-error", defaultValue = "fail", paramLabel = "fail|skip",
      description = "A source row that holds no record (a malformed line of a file): stop there (fail), or leave it out and report it (skip).")
  String onError;

  @Option(names = "--resume", description = "Continue an interrupted copy from its checkpoint.")
  boolean resume;

  @Option(names = "--state", paramLabel = "FILE",
      description = "Checkpoint file (default: .dataknobs/copy-<hash of source, target, query>.json in the working directory).")
  Path state;

  @Option(names = "--verify", description = "Afterwards compare every copied record and a content digest of both sides; exit 1 on a difference.")
  boolean verify;

  @Option(names = "--progress", negatable = true, description = "Show progress (default: a bar on a terminal, a line every 5 s otherwise).")
  Boolean progress;

  /** @return the query of {@code --query} (or all records) with the filters of {@code --where} */
  Query query() {
    return io.dataknobs.cli.query.QueryOptions.build(query, where);
  }

  /** @return whether {@code --on-error skip} was asked for */
  boolean skipMalformed() {
    return switch (onError.toLowerCase(Locale.ROOT)) {
      case "fail" -> false;
      case "skip" -> true;
      default -> throw new IllegalArgumentException("--on-error is fail or skip, got '" + onError + "'");
    };
  }

  /** @return the conflict policy named by {@code --on-conflict} */
  ConflictPolicy policy() {
    return switch (onConflict.toLowerCase(Locale.ROOT)) {
      case "insert" -> ConflictPolicy.INSERT;
      case "skip" -> ConflictPolicy.SKIP;
      case "upsert" -> ConflictPolicy.UPSERT;
      default -> throw new IllegalArgumentException("--on-conflict is insert, skip or upsert, got '" + onConflict + "'");
    };
  }
}

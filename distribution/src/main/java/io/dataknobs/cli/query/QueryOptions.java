package io.dataknobs.cli.query;

import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.query.SortOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options that say which records: {@code --where}, {@code --sort}, {@code --limit}, {@code --select}, {@code --query}. */
public final class QueryOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML file with a 'databases' section: SOURCE may name its entries.")
  Path config;

  @Option(names = {"-w", "--where"}, paramLabel = "EXPR",
      description = "A filter, e.g. 'status = active', 'amount > 100', 'name ~ Al%', 'tag in [a, b]', 'price between 10 and 20',"
          + " 'email exists'; repeat to AND several.")
  List<String> where = new ArrayList<>();

  @Option(names = "--sort", paramLabel = "FIELDS", split = ",", description = "Sort keys, '-' before a field for descending: --sort -amount,name.")
  List<String> sort = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N records.")
  Integer limit;

  @Option(names = "--offset", paramLabel = "N", description = "Skip the first N records.")
  Integer offset;

  @Option(names = "--select", paramLabel = "FIELDS", split = ",", description = "Only these fields.")
  List<String> select = new ArrayList<>();

  @Option(names = "--query", paramLabel = "JSON", description = "A canonical query map to start from (what --json prints); --where and the rest add to it.")
  String query;

  /** @return the query the options say */
  public Query query() {
    Query q = build(query, where);
    for (String s : sort) {
      String f = s.strip();
      if (f.isEmpty()) {
        continue;
      }
      q = f.startsWith("-") ? q.sort(f.substring(1), SortOrder.DESC) : q.sort(f.startsWith("+") ? f.substring(1) : f, SortOrder.ASC);
    }
    if (offset != null) {
      q = q.offset(offset);
    }
    if (limit != null) {
      q = q.limit(limit);
    }
    if (!select.isEmpty()) {
      q = q.select(select);
    }
    return q;
  }

  /**
   * @param queryJson a canonical query map as JSON, or null
   * @param where filters in the syntax of {@link WhereParser}
   * @return the query of {@code queryJson} (or all records) with the filters ANDed
   * @throws IllegalArgumentException naming what is wrong
   */
  @SuppressWarnings("unchecked")
  public static Query build(String queryJson, List<String> where) {
    Query q = Query.all();
    if (queryJson != null && !queryJson.isBlank()) {
      try {
        q = Query.fromMap(new com.fasterxml.jackson.databind.ObjectMapper().readValue(queryJson, Map.class));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--query is not JSON: " + e.getMessage());
      }
    }
    for (String w : where) {
      q = q.filter(WhereParser.parse(w));
    }
    return q;
  }

  /** @return the top-level fields the options name (filters, sorts, projection), for the typo check */
  public Set<String> fieldsNamed() {
    Set<String> out = new LinkedHashSet<>();
    for (String w : where) {
      Filter f = WhereParser.parse(w);
      out.add(top(f.field()));
    }
    sort.forEach(s -> out.add(top(s.strip().replaceFirst("^[-+]", ""))));
    select.forEach(s -> out.add(top(s.strip())));
    out.remove("");
    out.remove("id");
    return out;
  }

  private static String top(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}

package io.dataknobs.cli.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataknobs.api.query.Filter;
import io.dataknobs.api.query.Operator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query}, {@code count} and {@code get} on a real SQLite file, and the --where syntax. */
class QueryCommandTest {
  @TempDir
  Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String db;

  private int run(String... args) {
    return io.dataknobs.cli.CliRun.run(out, err, args);
  }

  @BeforeEach
  void data() throws Exception {
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "id,name,city,amount,active\n1,Alice,Oslo,120,true\n2,Bob,Bergen,80,false\n3,Alma,Oslo,300,true\n"
        + "4,Carl,Tromsø,100,true\n");
    db = "sqlite:" + dir.resolve("people.db");
    assertThat(run("import", csv.toString(), db, "--state", dir.resolve("s.json").toString(), "--no-progress")).as(err.toString()).isZero();
  }

  @Test
  void queryPrintsATableOrJsonLinesOrCsv() {
    assertThat(run("query", db, "--where", "city = Oslo", "--where", "amount > 100", "--sort", "-amount", "--select", "name,amount",
        "--format", "table")).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("id | name  | amount\n---+-------+-------\n3  | Alma  | 300\n1  | Alice | 120\n");
    assertThat(run("query", db, "--where", "name ~ Al%", "--sort", "id", "--format", "jsonl")).isZero();
    assertThat(out.toString().lines()).containsExactly("{\"id\":1,\"name\":\"Alice\",\"city\":\"Oslo\",\"amount\":120,\"active\":true}",
        "{\"id\":3,\"name\":\"Alma\",\"city\":\"Oslo\",\"amount\":300,\"active\":true}");
    assertThat(run("query", db, "--where", "amount between 90 and 110", "--format", "csv")).isZero();
    assertThat(out.toString().lines()).containsExactly("id,name,city,amount,active", "4,Carl,Tromsø,100,true");
    assertThat(run("query", db, "--where", "city in [Bergen, Tromsø]", "--limit", "1", "--sort", "name", "--json")).isZero();
    assertThat(out.toString()).contains("\"limit\":1").contains("Bergen");
  }

  @Test
  void countAndGet() {
    assertThat(run("count", db, "--where", "active = true")).isZero();
    assertThat(out.toString().strip()).isEqualTo("3");
    assertThat(run("get", db, "2", "4", "--format", "jsonl")).isZero();
    assertThat(out.toString().lines()).hasSize(2).first().asString().contains("Bob");
    assertThat(run("get", db, "2", "9", "--format", "jsonl")).isEqualTo(1);
    assertThat(err.toString()).contains("not found: 9");
  }

  @Test
  void typosShowWhere() {
    assertThat(run("query", db, "--where", "amout > 100")).isEqualTo(2);
    assertThat(err.toString()).contains("no record has a field 'amout'").contains("did you mean 'amount'?");
    assertThat(run("count", db, "--where", "amount >> 100")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown operator '>>'").contains("\n").contains("^");
    assertThat(run("query", db, "--sort", "-nmae")).isEqualTo(2);
    assertThat(err.toString()).contains("'nmae'").contains("'name'");
    assertThat(run("query", db, "--where", "name = 'Al")).isEqualTo(2);
    assertThat(err.toString()).contains("not closed");
  }

  @Test
  void whereSyntax() {
    assertThat(WhereParser.parse("status = active")).isEqualTo(new Filter("status", Operator.EQ, "active"));
    assertThat(WhereParser.parse("status = in progress")).isEqualTo(new Filter("status", Operator.EQ, "in progress"));
    assertThat(WhereParser.parse("n>=2.5")).isEqualTo(new Filter("n", Operator.GTE, 2.5));
    assertThat(WhereParser.parse("zip = '01234'")).isEqualTo(new Filter("zip", Operator.EQ, "01234"));
    assertThat(WhereParser.parse("flag != true")).isEqualTo(new Filter("flag", Operator.NEQ, true));
    assertThatThrownBy(() -> WhereParser.parse("x = null")).hasMessageContaining("EXISTS").hasMessageContaining("^");
    assertThat(WhereParser.parse("tag in a, 'b c', 3")).isEqualTo(new Filter("tag", Operator.IN, List.of("a", "b c", 3L)));
    assertThat(WhereParser.parse("tag not in []")).isEqualTo(new Filter("tag", Operator.NOT_IN, List.of()));
    assertThat(WhereParser.parse("p between 1 and 2")).isEqualTo(new Filter("p", Operator.BETWEEN, Arrays.asList(1L, 2L)));
    assertThat(WhereParser.parse("email not exists")).isEqualTo(new Filter("email", Operator.NOT_EXISTS, null));
    assertThat(WhereParser.parse("name ^= Al")).isEqualTo(new Filter("name", Operator.STARTS_WITH, "Al"));
    assertThat(WhereParser.parse("name =~ ^A.*e$")).isEqualTo(new Filter("name", Operator.REGEX, "^A.*e$"));
    assertThat(WhereParser.parse("'odd field' ~ 12%")).isEqualTo(new Filter("odd field", Operator.LIKE, "12%"));
    assertThatThrownBy(() -> WhereParser.parse("p between 1 or 2")).hasMessageContaining("'lo and hi'");
    assertThatThrownBy(() -> WhereParser.parse("= 3")).hasMessageContaining("expected a field name");
    assertThatThrownBy(() -> WhereParser.parse("a in [1, 2")).hasMessageContaining("']'");
  }
}

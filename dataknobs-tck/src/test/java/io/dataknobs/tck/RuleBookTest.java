package io.dataknobs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;

/** Every rule number a test cites is a rule of the shipped rule book, and every rule has a test. */
class RuleBookTest {
  private static final List<Class<?>> SPECS = List.of(IdsAndWritesSpec.class, ValuesSpec.class, QuerySpec.class,
      AggregationSpec.class, StreamingSpec.class, TransactionSpec.class, LifecycleSpec.class, AsyncSpec.class,
      DatabaseTck.class, DecoratedDatabaseTck.class);
  private static final Pattern METHOD = Pattern.compile("^rule(\\d+)_");
  private static final Pattern DISPLAY = Pattern.compile("rules? ([\\d\\-, ]+)");

  static String ruleBook() throws Exception {
    try (InputStream in = DatabaseTck.class.getResourceAsStream("CONFORMANCE.md")) {
      assertThat(in).as("CONFORMANCE.md inside the TCK jar, beside DatabaseTck").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Set<Integer> rules(String book) {
    Set<Integer> rules = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^(\\d+)\\. ").matcher(book);
    while (m.find()) {
      rules.add(Integer.parseInt(m.group(1)));
    }
    return rules;
  }

  /** @return rule number → where it is cited (test methods by name, classes by display name) */
  static TreeMap<Integer, List<String>> citations() {
    TreeMap<Integer, List<String>> cited = new TreeMap<>();
    for (Class<?> spec : SPECS) {
      cite(cited, spec, spec.getSimpleName());
      for (Class<?> nested : spec.getDeclaredClasses()) {
        cite(cited, nested, nested.getName());
      }
      for (Method m : spec.getDeclaredMethods()) {
        Matcher n = METHOD.matcher(m.getName());
        if (n.find()) {
          cited.computeIfAbsent(Integer.parseInt(n.group(1)), k -> new java.util.ArrayList<>()).add(spec.getSimpleName() + "." + m.getName());
        }
        cite(cited, m, spec.getSimpleName() + "." + m.getName());
      }
    }
    return cited;
  }

  private static void cite(TreeMap<Integer, List<String>> cited, AnnotatedElement e, String where) {
    String text = e.isAnnotationPresent(DisplayName.class) ? e.getAnnotation(DisplayName.class).value()
        : e.isAnnotationPresent(ParameterizedClass.class) ? e.getAnnotation(ParameterizedClass.class).name() : "";
    Matcher d = DISPLAY.matcher(text);
    while (d.find()) {
      for (String part : d.group(1).split(",")) {
        String[] range = part.trim().split("-");
        if (range[0].isBlank()) {
          continue;
        }
        int from = Integer.parseInt(range[0].trim());
        int to = range.length > 1 && !range[1].isBlank() ? Integer.parseInt(range[1].trim()) : from;
        for (int r = from; r <= to; r++) {
          cited.computeIfAbsent(r, k -> new java.util.ArrayList<>()).add(where);
        }
      }
    }
  }

  @Test
  void everyCitedRuleIsInTheRuleBook() throws Exception {
    Set<Integer> rules = rules(ruleBook());
    assertThat(rules).as("rules of CONFORMANCE.md").startsWith(1, 2, 3).contains(28, 29);
    citations().forEach((rule, where) -> assertThat(rules).as("rule %d, cited by %s", rule, where).contains(rule));
  }

  @Test
  void everyRuleHasATestNamedForIt() throws Exception {
    TreeMap<Integer, List<String>> cited = citations();
    Set<Integer> byMethod = new TreeSet<>();
    cited.forEach((rule, where) -> {
      if (where.stream().anyMatch(w -> METHOD.matcher(w.substring(w.lastIndexOf('.') + 1)).find())) {
        byMethod.add(rule);
      }
    });
    for (int rule : rules(ruleBook())) {
      if (rule == 28) {
        assertThat(cited.get(28)).as("rule 28: the decorated TCK").anyMatch(w -> w.contains("DecoratedDatabaseTck"));
      } else {
        assertThat(byMethod).as("a test method named rule%02d_…", rule).contains(rule);
      }
    }
  }
}

package io.dataknobs.core.internal.config;

import io.dataknobs.api.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}}, {@code ${VAR:default}} and {@code ${VAR:?message}} in every
 * string of a configuration tree; {@code $${} stays a literal {@code ${}.
 */
public final class EnvSubstitution {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([?]?)([^}]*))?}");

  private final Function<String, String> env;

  /** @param env looks up a variable, returning null when it is unset */
  public EnvSubstitution(Function<String, String> env) {
    this.env = env;
  }

  /** @return substitution from the process environment */
  public static EnvSubstitution system() {
    return new EnvSubstitution(System::getenv);
  }

  /**
   * @param value a tree of maps, lists and scalars
   * @param path where it sits, for messages
   * @return a copy with every placeholder replaced
   * @throws ConfigurationException for an unset variable without default, naming the path
   */
  public Object apply(Object value, String path) {
    if (value instanceof String) {
      return substitute((String) value, path);
    }
    if (value instanceof Map<?, ?>) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String k = String.valueOf(e.getKey());
        out.put(k, apply(e.getValue(), path.isEmpty() ? k : path + "." + k));
      }
      return out;
    }
    if (value instanceof List<?>) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Object o : (List<?>) value) {
        out.add(apply(o, path + "[" + i++ + "]"));
      }
      return out;
    }
    return value;
  }

  String substitute(String s, String path) {
    if (s.indexOf('$') < 0) {
      return s;
    }
    Matcher m = PLACEHOLDER.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else {
        String var = m.group(1);
        String val = env.apply(var);
        boolean hasDefault = m.group(3) != null;
        boolean mandatory = "?".equals(m.group(2));
        if (val != null && !(mandatory && val.isEmpty())) {
          replacement = val;
        } else if (mandatory) {
          String msg = m.group(3).isEmpty() ? "is required" : m.group(3);
          throw new ConfigurationException(path, "environment variable " + var + " " + (m.group(3).isEmpty() ? msg : "is not set: " + msg)
              + " (at '" + path + "')");
        } else if (hasDefault) {
          replacement = m.group(3);
        } else {
          throw new ConfigurationException(path, "environment variable " + var
              + " is not set and has no default (at '" + path + "'); write ${" + var + ":default} to give one");
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}

package io.dataknobs.core.internal.config;

import java.util.Collection;
import java.util.Locale;

/** Finds the accepted name nearest to a misspelt one (Levenshtein distance). */
public final class Suggestions {
  private Suggestions() {}

  /**
   * @return the candidate nearest to {@code given} (also comparing the last dotted segment),
   *     or null if none is within a third of the length plus one edit
   */
  public static String nearest(String given, Collection<String> candidates) {
    String g = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int d = distance(g, lc);
      int dot = lc.lastIndexOf('.');
      if (dot >= 0) {
        d = Math.min(d, distance(g, lc.substring(dot + 1)) + 1);
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= g.length() / 3 + 1 ? best : null;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

package io.dataknobs.core.sql;

import java.util.regex.Pattern;

/**
 * Where a query path lives in the table: the id column, or a path inside the data or
 * metadata JSON. Only paths whose segments are plain names (letters, digits, {@code _},
 * {@code -}, space, {@code $}, {@code @}; not all digits) are translated, and they are
 * written into SQL as quoted JSON-path literals; any other path is evaluated in memory.
 *
 * @param column the table column ({@code id}, {@code data} or {@code metadata})
 * @param literal the JSON path, e.g. {@code $."a"."b"} (null for the id column)
 * @param hintKey the key of the value in the type-hint map, e.g. {@code a.b}
 */
public record JsonPath(String column, String literal, String hintKey) {
  private static final Pattern SEGMENT = Pattern.compile("[\\p{L}\\p{N}_\\- $@]+");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /** @return true for the storage id */
  public boolean isId() {
    return literal == null;
  }

  /** @return the hint column for this path's column */
  public String hintColumn() {
    return column + "_types";
  }

  /** @return the location of {@code path}, or null if it cannot be translated safely */
  public static JsonPath of(String path) {
    if (path.equals("id")) {
      return new JsonPath("id", null, null);
    }
    String column = "data";
    String rest = path;
    if (path.startsWith("metadata.")) {
      column = "metadata";
      rest = path.substring("metadata.".length());
    }
    StringBuilder lit = new StringBuilder("$");
    for (String seg : rest.split("\\.", -1)) {
      if (!SEGMENT.matcher(seg).matches() || DIGITS.matcher(seg).matches()) {
        return null;
      }
      lit.append(".\"").append(seg).append('"');
    }
    return new JsonPath(column, lit.toString(), rest);
  }
}

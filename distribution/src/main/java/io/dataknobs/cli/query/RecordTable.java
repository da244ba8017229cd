package io.dataknobs.cli.query;

import io.dataknobs.api.Record;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Records as an aligned text table: the id, then the fields in the order they first appear; long cells cut with an ellipsis. */
public final class RecordTable {
  private static final int MAX_WIDTH = 40;

  private RecordTable() {}

  public static String render(List<Record> records) {
    Set<String> fields = new LinkedHashSet<>();
    records.forEach(r -> fields.addAll(r.data().keySet()));
    fields.remove("id");
    List<String> header = new ArrayList<>();
    header.add("id");
    header.addAll(fields);
    List<String[]> rows = new ArrayList<>();
    for (Record r : records) {
      String[] row = new String[header.size()];
      row[0] = r.id();
      for (int i = 1; i < row.length; i++) {
        row[i] = r.data().containsKey(header.get(i)) ? cell(r.data().get(header.get(i))) : "";
      }
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (String[] row : rows) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header.toArray(String[]::new), width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    sb.append(rule).append('\n');
    rows.forEach(row -> line(sb, row, width));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      l.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells[i]));
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  static String cell(Object v) {
    String s = v == null ? "null" : v instanceof byte[] b ? "<" + b.length + " bytes>" : v.toString();
    s = s.replace('\n', ' ');
    return s.length() > MAX_WIDTH ? s.substring(0, MAX_WIDTH - 1) + "…" : s;
  }
}

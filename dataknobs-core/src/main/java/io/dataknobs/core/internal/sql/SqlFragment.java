package io.dataknobs.core.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bound parameters, in order. Values never appear in {@link #sql()}.
 *
 * @param sql SQL text with {@code ?} placeholders
 * @param params the values of the placeholders
 */
public record SqlFragment(String sql, List<Object> params) {
  /** Copies the parameters. */
  public SqlFragment {
    params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
  }

  /** @return a fragment without parameters */
  public static SqlFragment of(String sql) {
    return new SqlFragment(sql, List.of());
  }

  /** @return a fragment with the given parameters */
  public static SqlFragment of(String sql, Object... params) {
    return new SqlFragment(sql, java.util.Arrays.asList(params));
  }

  /** @return the fragments joined by {@code separator}, each in parentheses */
  public static SqlFragment join(String separator, List<SqlFragment> parts) {
    StringBuilder sb = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (SqlFragment p : parts) {
      if (sb.length() > 0) {
        sb.append(separator);
      }
      sb.append('(').append(p.sql).append(')');
      params.addAll(p.params);
    }
    return new SqlFragment(sb.toString(), params);
  }

  /** @return this fragment wrapped as {@code prefix(sql)suffix} */
  public SqlFragment wrap(String prefix, String suffix) {
    return new SqlFragment(prefix + sql + suffix, params);
  }
}

package io.dataknobs.api.query;

import io.dataknobs.api.QueryException;
import java.util.Locale;
import java.util.Objects;

/**
 * One aggregate over the records of a group. The result field is named by the alias:
 * given with {@link #as(String)}, or by default {@code count} for {@link #count()} and
 * {@code <function>_<field>} otherwise ({@code sum_amount}, {@code count_email}).
 * {@code sum}, {@code avg}, {@code min} and {@code max} use numeric values only; other
 * values of the field are ignored.
 */
public final class Aggregation {
  private final AggregateFunction function;
  private final String field;
  private final String alias;

  private Aggregation(AggregateFunction function, String field, String alias) {
    this.function = function;
    this.field = field;
    this.alias = alias;
    if (alias.isEmpty() || alias.indexOf('.') >= 0) {
      throw new QueryException("aggregation alias '" + alias + "' must be non-empty and contain no '.'");
    }
  }

  private static Aggregation of(AggregateFunction fn, String field) {
    Paths.validate(field, fn.name().toLowerCase(Locale.ROOT) + " field");
    return new Aggregation(fn, field, fn.name().toLowerCase(Locale.ROOT) + "_" + field.replace('.', '_'));
  }

  /** @return the number of records in each group, aliased {@code count} */
  public static Aggregation count() {
    return new Aggregation(AggregateFunction.COUNT, null, "count");
  }

  /** @return the number of non-null values of {@code field} */
  public static Aggregation count(String field) {
    return of(AggregateFunction.COUNT, field);
  }

  /** @return the sum of the numeric values of {@code field} */
  public static Aggregation sum(String field) {
    return of(AggregateFunction.SUM, field);
  }

  /** @return the mean of the numeric values of {@code field} */
  public static Aggregation avg(String field) {
    return of(AggregateFunction.AVG, field);
  }

  /** @return the smallest numeric value of {@code field} */
  public static Aggregation min(String field) {
    return of(AggregateFunction.MIN, field);
  }

  /** @return the largest numeric value of {@code field} */
  public static Aggregation max(String field) {
    return of(AggregateFunction.MAX, field);
  }

  /** @return this aggregation with the result field named {@code alias} */
  public Aggregation as(String alias) {
    return new Aggregation(function, field, Objects.requireNonNull(alias, "alias"));
  }

  /** @return the function */
  public AggregateFunction function() {
    return function;
  }

  /** @return the field, or null for {@link #count()} */
  public String field() {
    return field;
  }

  /** @return the name of the result field */
  public String alias() {
    return alias;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Aggregation && function == ((Aggregation) o).function
        && Objects.equals(field, ((Aggregation) o).field) && alias.equals(((Aggregation) o).alias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(function, field, alias);
  }

  @Override
  public String toString() {
    return function.name().toLowerCase(Locale.ROOT) + "(" + (field == null ? "" : field) + ") as " + alias;
  }
}

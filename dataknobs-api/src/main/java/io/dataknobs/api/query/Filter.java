package io.dataknobs.api.query;

import io.dataknobs.api.QueryException;
import io.dataknobs.api.RecordValidationException;
import io.dataknobs.api.internal.Values;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One comparison of the value at a field path with a given value. Malformed filters are
 * rejected when built, with {@link QueryException}:
 *
 * <ul>
 *   <li>{@code IN}/{@code NOT_IN} need a collection or array (normalized to a list);
 *   <li>{@code BETWEEN}/{@code NOT_BETWEEN} need a list (or array) of exactly two values;
 *   <li>{@code LIKE}, {@code NOT_LIKE}, {@code STARTS_WITH}, {@code REGEX} need a string, and a
 *       {@code REGEX} must compile;
 *   <li>comparisons other than {@code EXISTS}/{@code NOT_EXISTS} need a non-null value;
 *   <li>the field must be a non-empty path without empty segments.
 * </ul>
 *
 * <p>Values are normalized like record values (ints widened to {@code Long}).
 *
 * @param field the path ({@code id} is the storage id, {@code metadata.x} reads metadata)
 * @param operator the operator
 * @param value the operand (null for {@code EXISTS}/{@code NOT_EXISTS})
 */
public record Filter(String field, Operator operator, Object value) {

  /** Validates and normalizes; see the class description. */
  public Filter {
    Paths.validate(field, "filter field");
    if (operator == null) {
      throw new QueryException("operator of the filter on '" + field + "' must not be null");
    }
    value = normalizeValue(field, operator, value);
  }

  /** Builds a filter from an operator name or symbol; see {@link Operator#parse(String)}. */
  public static Filter of(String field, String operator, Object value) {
    return new Filter(field, Operator.parse(operator), value);
  }

  private static Object normalizeValue(String field, Operator op, Object value) {
    switch (op) {
      case EXISTS:
      case NOT_EXISTS:
        return null;
      case IN:
      case NOT_IN: {
        if (!(value instanceof Collection<?>) && !(value instanceof Object[])) {
          throw new QueryException(op + " on '" + field + "' needs a collection of values, got "
              + describe(value));
        }
        return normalize(field, op, value);
      }
      case BETWEEN:
      case NOT_BETWEEN: {
        Object v = value instanceof Object[] ? Arrays.asList((Object[]) value) : value;
        if (!(v instanceof List<?>) || ((List<?>) v).size() != 2) {
          throw new QueryException(op + " on '" + field + "' needs a list of two bounds [lo, hi], got "
              + describe(value));
        }
        List<?> bounds = (List<?>) v;
        if (bounds.get(0) == null || bounds.get(1) == null) {
          throw new QueryException(op + " on '" + field + "' needs two non-null bounds, got " + bounds);
        }
        return normalize(field, op, v);
      }
      case LIKE:
      case NOT_LIKE:
      case STARTS_WITH:
      case REGEX: {
        if (!(value instanceof CharSequence)) {
          throw new QueryException(op + " on '" + field + "' needs a string pattern, got " + describe(value));
        }
        String s = value.toString();
        if (op == Operator.REGEX) {
          try {
            Pattern.compile(s);
          } catch (PatternSyntaxException e) {
            throw new QueryException("REGEX on '" + field + "' has an invalid pattern '" + s + "': "
                + e.getDescription(), e);
          }
        }
        return s;
      }
      default:
        if (value == null) {
          throw new QueryException(op + " on '" + field + "' needs a non-null value"
              + " (use EXISTS or NOT_EXISTS to test for null)");
        }
        return normalize(field, op, value);
    }
  }

  private static Object normalize(String field, Operator op, Object value) {
    try {
      return Values.normalizeOperand(value, field);
    } catch (RecordValidationException e) {
      throw new QueryException(op + " on '" + field + "': " + e.getMessage(), e);
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + Values.render(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter && field.equals(((Filter) o).field) && operator == ((Filter) o).operator
        && Values.deepEquals(value, ((Filter) o).value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, operator) * 31 + Values.deepHash(value);
  }

  @Override
  public String toString() {
    return field + " " + operator + (operator.isUnary() ? "" : " " + Values.render(value));
  }
}

package io.dataknobs.core.internal.sql;

import io.dataknobs.core.query.Comparisons;
import java.math.BigDecimal;
import java.util.Collection;

/** What the translator asks of a filter's operand before it pushes a comparison down. */
final class SqlOperands {
  private SqlOperands() {}

  static boolean isString(Object v) {
    return v instanceof String;
  }

  static Object bindNumber(Object v) {
    return v instanceof BigDecimal ? ((BigDecimal) v).doubleValue() : v;
  }

  private static final double TWO_53 = 9007199254740992d;

  /**
   * An integral operand at or beyond 2^53, where neighbouring integers share a double: such a
   * comparison breaks ties between doubles on the exact integer. Below 2^53 every stored number
   * the data model accepts compares exactly as a double.
   */
  static Long bigIntegral(Object v) {
    if (v instanceof Long l) {
      return Math.abs((double) l) >= TWO_53 ? l : null;
    }
    if (v instanceof Double x) {
      return Double.isFinite(x) && Math.abs(x) >= TWO_53 && Math.abs(x) < 9.223372036854775807E18 ? (Long) (long) (double) x : null;
    }
    if (v instanceof BigDecimal b && b.signum() != 0 && b.stripTrailingZeros().scale() <= 0 && Math.abs(b.doubleValue()) >= TWO_53) {
      try {
        return b.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * False for a number operand that neither a double nor a long holds exactly (a query may carry
   * any BigDecimal): the engine would compare a rounded value, so the reference evaluator answers.
   */
  static boolean exactAsDouble(Object v) {
    return !(v instanceof BigDecimal b) || io.dataknobs.core.internal.base.Storable.number(b);
  }

  /** True for an operand holding text no stored value can hold (NUL, a lone surrogate). */
  static boolean unstorableText(Object v) {
    if (v instanceof String str) {
      return !io.dataknobs.core.internal.base.Storable.text(str);
    }
    if (v instanceof Collection<?> values) {
      for (Object x : values) {
        if (unstorableText(x)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isFiniteNumber(Object v) {
    return Comparisons.isNumber(v) && !(v instanceof Double && !Double.isFinite((Double) v));
  }

  static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}

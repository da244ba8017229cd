package io.dataknobs.core.internal.base;

import java.math.BigDecimal;

/**
 * Rule 10 inside core: the numbers and text a record can hold (the api applies the same rule when
 * a record is built). Filters, ids and computed results are checked against it here.
 */
public final class Storable {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Storable() {}

  /** @return true for a whole number within a long, or a decimal a double holds in its shortest form */
  public static boolean number(BigDecimal d) {
    if ((d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) && d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
      return true;
    }
    double x = d.doubleValue();
    return Double.isFinite(x) && BigDecimal.valueOf(x).compareTo(d) == 0;
  }

  /** @return true for text without a NUL character or a lone UTF-16 surrogate */
  public static boolean text(String s) {
    return io.dataknobs.api.Record.storableText(s);
  }

}

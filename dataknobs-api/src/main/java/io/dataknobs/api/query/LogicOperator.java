package io.dataknobs.api.query;

/** How a {@link LogicCondition} combines its conditions. */
public enum LogicOperator {
  /** All hold; {@code AND()} of nothing matches everything. */
  AND,
  /** At least one holds; {@code OR()} of nothing matches nothing. */
  OR,
  /** None holds (of one condition: its negation). */
  NOT
}

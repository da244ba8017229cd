package io.dataknobs.api.query;

import io.dataknobs.api.QueryException;
import java.util.List;

/**
 * Conditions combined by a {@link LogicOperator}.
 *
 * @param operator how they combine
 * @param conditions the operands (copied; may be empty)
 */
public record LogicCondition(LogicOperator operator, List<Condition> conditions) implements Condition {
  /** Copies the operands and rejects null ones. */
  public LogicCondition {
    if (operator == null) {
      throw new QueryException("logic operator must not be null");
    }
    if (conditions == null) {
      throw new QueryException(operator + " conditions must not be null");
    }
    for (Condition c : conditions) {
      if (c == null) {
        throw new QueryException(operator + " conditions must not contain null");
      }
    }
    conditions = List.copyOf(conditions);
  }
}

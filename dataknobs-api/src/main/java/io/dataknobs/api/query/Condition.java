package io.dataknobs.api.query;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A boolean condition over a record: a single {@link FilterCondition} or a
 * {@link LogicCondition} combining others. Conditions are immutable values.
 */
@ProviderType
public sealed interface Condition permits FilterCondition, LogicCondition {

  /** @return a condition for one filter; see {@link Filter#Filter(String, Operator, Object)} */
  static Condition of(String field, Operator operator, Object value) {
    return new FilterCondition(new Filter(field, operator, value));
  }

  /** @return all of {@code conditions} hold (of none: always true) */
  static Condition and(Condition... conditions) {
    return new LogicCondition(LogicOperator.AND, List.of(conditions));
  }

  /** @return at least one of {@code conditions} holds (of none: always false) */
  static Condition or(Condition... conditions) {
    return new LogicCondition(LogicOperator.OR, List.of(conditions));
  }

  /** @return none of {@code conditions} holds */
  static Condition not(Condition... conditions) {
    return new LogicCondition(LogicOperator.NOT, List.of(conditions));
  }
}

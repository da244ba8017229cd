package io.dataknobs.api.query;

import java.util.Objects;

/**
 * A condition made of one filter.
 *
 * @param filter the filter
 */
public record FilterCondition(Filter filter) implements Condition {
  /** Rejects a null filter. */
  public FilterCondition {
    Objects.requireNonNull(filter, "filter");
  }
}

package io.dataknobs.api.query;

import java.util.Objects;

/**
 * One sort key of a {@link Query}.
 *
 * @param field the path to sort by ({@code id} is the storage id)
 * @param order the direction
 */
public record Sort(String field, SortOrder order) {
  /** Validates the path and order. */
  public Sort {
    Paths.validate(field, "sort field");
    Objects.requireNonNull(order, "order");
  }
}

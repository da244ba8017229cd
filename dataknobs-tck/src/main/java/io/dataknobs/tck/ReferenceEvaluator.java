package io.dataknobs.tck;

import io.dataknobs.api.Record;
import io.dataknobs.api.query.Aggregation;
import io.dataknobs.api.query.Query;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collection;
import java.util.List;

/**
 * The project's one reference evaluator of query semantics (the kit's {@code QueryEvaluator}
 * and {@code Aggregator} in {@code dataknobs-core}), reached on the test class path: every
 * backend built on the kit has core there, and the TCK itself depends on the api only.
 */
final class ReferenceEvaluator {
  private static final String MISSING = "the differential spec compares with the kit's reference evaluator: put dataknobs-core"
      + " on the test class path (a backend built on the kit has it)";
  private final MethodHandle apply;
  private final MethodHandle count;
  private final MethodHandle aggregate;

  private ReferenceEvaluator(MethodHandle apply, MethodHandle count, MethodHandle aggregate) {
    this.apply = apply;
    this.count = count;
    this.aggregate = aggregate;
  }

  static ReferenceEvaluator find() {
    try {
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      Class<?> evaluator = Class.forName("io.dataknobs.core.query.QueryEvaluator");
      Class<?> aggregator = Class.forName("io.dataknobs.core.query.Aggregator");
      return new ReferenceEvaluator(
          l.findStatic(evaluator, "apply", MethodType.methodType(List.class, Query.class, Collection.class)),
          l.findStatic(evaluator, "count", MethodType.methodType(long.class, Query.class, Collection.class)),
          l.findStatic(aggregator, "aggregate", MethodType.methodType(List.class, Query.class, List.class, Collection.class)));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(MISSING, e);
    }
  }

  @SuppressWarnings("unchecked")
  List<Record> search(Query q, Collection<Record> all) {
    try {
      return (List<Record>) apply.invoke(q, all);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  long count(Query q, Collection<Record> all) {
    try {
      return (long) count.invoke(q, all);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @SuppressWarnings("unchecked")
  List<Record> aggregate(Query q, List<Aggregation> aggregations, Collection<Record> all) {
    try {
      return (List<Record>) aggregate.invoke(q, aggregations, all);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}

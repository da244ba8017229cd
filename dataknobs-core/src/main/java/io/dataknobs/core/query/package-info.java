/**
 * Backend kit: the reference evaluator. {@link io.dataknobs.core.query.QueryEvaluator} defines query semantics (the conformance rules) in memory; backends use it for what they cannot push down, so results never differ. {@link io.dataknobs.core.query.Comparisons} and {@link io.dataknobs.core.query.Aggregator} are its value ordering and grouping.
 */
@Export
@Version("1.0.0")
package io.dataknobs.core.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

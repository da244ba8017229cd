/**
 * Queries: filters with their {@link io.dataknobs.api.query.Operator}s, logic conditions, sorting, paging, projection, grouping and {@link io.dataknobs.api.query.Aggregation}s. Immutable values with a canonical map form.
 */
@Export
@Version("1.0.0")
package io.dataknobs.api.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Backend kit: {@link io.dataknobs.core.pool.ConnectionPoolManager}, one shared, reference-counted pool per owner and configuration, with {@link io.dataknobs.core.pool.PoolInfo} and {@link io.dataknobs.core.pool.PoolMetrics} for what it reports.
 */
@Export
@Version("1.1.0")
package io.dataknobs.core.pool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

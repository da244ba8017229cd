/**
 * JDBC kit for the SQL backends: {@link io.dataknobs.core.sql.JdbcDatabase} over one table, the {@link io.dataknobs.core.sql.SqlDialect} an engine implements, and naming helpers. The statement translator behind it is internal. This package is the least settled part of the kit: it is being split into connection sources, statement cache, table layout and bulk writers, and its version will say so.
 */
@Export
@Version("1.1.0")
package io.dataknobs.core.sql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

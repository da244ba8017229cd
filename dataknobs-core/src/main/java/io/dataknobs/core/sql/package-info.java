/**
 * The JDBC kit: what the SQL backends share, in parts with one reason to change each.
 * {@link io.dataknobs.core.sql.JdbcDatabase} assembles an engine's
 * {@link io.dataknobs.core.sql.SqlDialect} (SQL differences, error classes), a
 * {@link io.dataknobs.core.sql.ConnectionSource} ({@link io.dataknobs.core.sql.EmbeddedConnections}
 * or {@link io.dataknobs.core.sql.PooledConnections}) with its
 * {@link io.dataknobs.core.sql.StatementCache}, the {@link io.dataknobs.core.sql.TableLayout},
 * the {@link io.dataknobs.core.sql.RowCodec} and a {@link io.dataknobs.core.sql.BulkWriter}.
 * A new SQL engine writes a dialect and, if it has a faster path than a JDBC batch, a bulk
 * writer. The statement translator behind the queries is internal.
 *
 * <p>2.0: the parts were split out of {@code JdbcDatabase}, whose protected plumbing (statement
 * preparation, row encoding, batch hooks) they replace.
 */
@Export
@Version("2.0.0")
package io.dataknobs.core.sql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

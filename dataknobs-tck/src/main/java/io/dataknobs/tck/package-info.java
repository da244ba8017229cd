/**
 * The conformance suite. Subclass {@link io.dataknobs.tck.DatabaseTck} (and {@link io.dataknobs.tck.DecoratedDatabaseTck} for rule 28) once per backend; each nested spec tests one group of rules of {@code CONFORMANCE.md}, which ships in this jar, and each test is named for the rule it proves ({@code rule25_rollback}, displayed as {@code rule 25: …}).
 */
@Export
@Version("1.1.0")
package io.dataknobs.tck;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

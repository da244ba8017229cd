/**
 * Real servers for tests: PostgreSQL, Elasticsearch and S3, each chosen in order from an address in the environment, Testcontainers when a Docker engine answers, or an embedded server. Apart from the TCK, so a TCK run pulls in no launcher it did not ask for.
 */
@Export
@Version("1.1.0")
package io.dataknobs.testservers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

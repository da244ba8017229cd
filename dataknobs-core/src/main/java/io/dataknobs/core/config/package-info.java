/**
 * Backend kit: {@link io.dataknobs.core.config.ConfigValidator}, the validation core applies to every configuration (unknown keys with the nearest accepted one, types, required keys, aliases), for backends that validate nested sections themselves.
 */
@Export
@Version("1.1.0")
package io.dataknobs.core.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

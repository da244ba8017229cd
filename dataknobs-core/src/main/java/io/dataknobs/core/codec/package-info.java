/**
 * Backend kit: {@link io.dataknobs.core.codec.RecordCodec}, records to and from JSON text or bytes with type hints for what JSON cannot say ({@code Instant}, {@code LocalDate}, {@code BigDecimal}, {@code byte[]}), so every value round-trips (rule 10).
 */
@Export
@Version("1.2.0")
package io.dataknobs.core.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * What a backend or decorator author implements: {@link io.dataknobs.spi.BackendProvider} and {@link io.dataknobs.spi.DecoratorProvider} ({@code @ConsumerType}: a method added to them in a minor version comes with a default), and the configuration model core hands them ({@link io.dataknobs.spi.ConfigSpec}, {@link io.dataknobs.spi.BackendConfig}). Register a provider with {@code META-INF/services}, {@code provides} in {@code module-info}, and as an OSGi service; bnd's {@code @ServiceProvider} writes all three.
 */
@Export
@Version("1.1.0")
package io.dataknobs.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

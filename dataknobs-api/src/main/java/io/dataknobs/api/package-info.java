/**
 * The contract users program against: {@link io.dataknobs.api.Record}, {@link io.dataknobs.api.Database}, {@link io.dataknobs.api.AsyncDatabase}, {@link io.dataknobs.api.Transaction}, capabilities and the exception hierarchy rooted at {@link io.dataknobs.api.DataknobsException}.
 *
 * <p>Semantic versioning: {@code Database}, {@code AsyncDatabase} and {@code Transaction} are
 * {@code @ProviderType}s. Users call them; backends do not implement them directly but extend
 * the kit's {@code AbstractDatabase}, which absorbs new methods. Adding a method to them is
 * therefore a minor change of this package, and only bundles that implement them directly
 * (the kit, decorators' forwarding base) import it with a provider range.
 */
@Export
@Version("1.1.0")
package io.dataknobs.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

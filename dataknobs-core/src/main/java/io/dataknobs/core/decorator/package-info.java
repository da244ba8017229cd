/**
 * Decorator kit: {@link io.dataknobs.core.decorator.ForwardingDatabase} and {@link io.dataknobs.core.decorator.ForwardingTransaction} to wrap a database, {@link io.dataknobs.core.decorator.GuardedDatabase} to run every call through one guard, and {@link io.dataknobs.core.decorator.Decorators} to stack installed decorators in code in the order configuration does.
 */
@Export
@Version("1.1.0")
package io.dataknobs.core.decorator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

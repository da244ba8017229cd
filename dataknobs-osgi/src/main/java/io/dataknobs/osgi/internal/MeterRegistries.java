package io.dataknobs.osgi.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The Micrometer {@code MeterRegistry} services of the container, found by class name so that
 * this bundle runs without Micrometer; a change is reported so measured databases can reopen.
 */
final class MeterRegistries implements AutoCloseable {
  static final String TYPE = "io.micrometer.core.instrument.MeterRegistry";

  private final BundleContext context;
  private final ServiceListener listener;
  /** The registry being unregistered while {@code changed} runs: still listed by the framework, no longer to be used. */
  private volatile ServiceReference<?> leaving;

  MeterRegistries(BundleContext context, Runnable changed) {
    this.context = context;
    this.listener = event -> {
      if (event.getType() == ServiceEvent.REGISTERED) {
        changed.run();
      } else if (event.getType() == ServiceEvent.UNREGISTERING) {
        leaving = event.getServiceReference();
        try {
          changed.run();
        } finally {
          leaving = null;
        }
      }
    };
    try {
      context.addServiceListener(listener, "(objectClass=" + TYPE + ")");
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("a constant filter", e);
    }
  }

  /** @return the registries registered now (handed to the factory as services) */
  List<Object> current() {
    List<Object> out = new ArrayList<>();
    try {
      ServiceReference<?>[] refs = context.getServiceReferences(TYPE, null);
      if (refs != null) {
        for (ServiceReference<?> r : refs) {
          if (r.equals(leaving)) {
            continue;
          }
          Object registry = context.getService(r);
          if (registry != null) {
            out.add(registry);
            context.ungetService(r); // the registration's owner keeps it alive; we only look
          }
        }
      }
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("no filter", e);
    } catch (IllegalStateException e) {
      // the bundle is stopping
    }
    return out;
  }

  @Override
  public void close() {
    try {
      context.removeServiceListener(listener);
    } catch (IllegalStateException e) {
      // the bundle is stopping
    }
  }
}

package io.dataknobs.core.internal;

import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In OSGi: tracks {@link BackendProvider} and {@link DecoratorProvider} services (backend
 * bundles register them through the ServiceLoader Mediator) and registers one
 * {@link DatabaseFactory} service that follows them as bundles come and go.
 */
public final class CoreActivator implements BundleActivator {
  private static final Logger LOG = LoggerFactory.getLogger(CoreActivator.class);

  private final DatabaseFactory factory = new DatabaseFactory();
  private ServiceTracker<BackendProvider, BackendProvider> backends;
  private ServiceTracker<DecoratorProvider, DecoratorProvider> decorators;
  private ServiceRegistration<DatabaseFactory> registration;

  @Override
  public void start(BundleContext context) {
    backends = new ServiceTracker<>(context, BackendProvider.class, null) {
      @Override
      public BackendProvider addingService(ServiceReference<BackendProvider> ref) {
        BackendProvider p = super.addingService(ref);
        try {
          factory.register(p);
          LOG.info("backend '{}' added from bundle {}", p.name(), ref.getBundle().getSymbolicName());
        } catch (RuntimeException e) {
          LOG.warn("backend from bundle {} not added: {}", ref.getBundle().getSymbolicName(), e.getMessage());
        }
        return p;
      }

      @Override
      public void removedService(ServiceReference<BackendProvider> ref, BackendProvider p) {
        factory.unregister(p);
        // the bundle is going away: its pools must not outlive it (a redeployed bundle gets new ones)
        int closed = io.dataknobs.core.pool.ConnectionPoolManager.shared().closeAll(p.getClass().getClassLoader());
        LOG.info("backend '{}' removed, {} pool(s) closed", p.name(), closed);
        super.removedService(ref, p);
      }
    };
    decorators = new ServiceTracker<>(context, DecoratorProvider.class, null) {
      @Override
      public DecoratorProvider addingService(ServiceReference<DecoratorProvider> ref) {
        DecoratorProvider p = super.addingService(ref);
        factory.register(p);
        return p;
      }

      @Override
      public void removedService(ServiceReference<DecoratorProvider> ref, DecoratorProvider p) {
        factory.unregister(p);
        super.removedService(ref, p);
      }
    };
    backends.open();
    decorators.open();
    registration = context.registerService(DatabaseFactory.class, factory, new Hashtable<>());
  }

  @Override
  public void stop(BundleContext context) {
    if (registration != null) {
      registration.unregister();
    }
    backends.close();
    decorators.close();
  }
}

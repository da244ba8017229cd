package io.dataknobs.osgi.internal;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Database;
import io.dataknobs.core.DatabaseFactory;
import io.dataknobs.osgi.DatabaseServices;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.DecoratorProvider;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * One configured database: a component per factory configuration of
 * {@link DatabaseServices#FACTORY_PID}. It opens the database through the {@link DatabaseFactory}
 * service when its backend is deployed (and again when a backend bundle arrives later),
 * registers it as {@link Database} and {@link AsyncDatabase} services, reopens it when the
 * configuration changes (calls in flight finish on the old instance), and closes it when the
 * configuration or its backend goes away. A configuration the factory refuses is logged naming
 * the file and the key, and registers nothing.
 */
@Component(configurationPid = DatabaseServices.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
public final class DatabaseComponent {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatabaseComponent.class);

  /** Waits for core's factory to list a backend whose bundle just arrived (one daemon thread for all databases). */
  private static final java.util.concurrent.ScheduledExecutorService WAITING = java.util.concurrent.Executors
      .newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dataknobs-configured-databases");
        t.setDaemon(true);
        return t;
      });

  @Reference
  private DatabaseFactory factory;
  /** Whether the last attempt to open (or reopen) was refused, so a decorator arriving may be what it lacked. */
  private boolean failed;
  private BundleContext context;
  private Map<String, Object> properties;
  private String name;
  private SwappableDatabase open;
  private ServiceRegistration<Database> registration;
  private ServiceRegistration<AsyncDatabase> asyncRegistration;
  private boolean active;
  private MeterRegistries registries;

  @Activate
  synchronized void activate(BundleContext context, Map<String, Object> properties) {
    this.context = context;
    this.properties = properties;
    this.name = ConfigProperties.name(properties, DatabaseServices.FACTORY_PID);
    active = true;
    registries = new MeterRegistries(context, this::registriesChanged);
    openIfPossible();
  }

  /** A {@code MeterRegistry} service came or went: a measured database reopens to record into the registries there are now. */
  private synchronized void registriesChanged() {
    if (active && open != null && ConfigProperties.of(properties).containsKey("metrics")) {
      openIfPossible();
    }
  }

  /** Reopens with the new configuration; the old instance serves the calls in flight and closes after them. */
  @Modified
  synchronized void modified(Map<String, Object> changed) {
    this.properties = changed;
    String renamed = ConfigProperties.name(changed, DatabaseServices.FACTORY_PID);
    if (!renamed.equals(name)) {
      closeAll();
      name = renamed;
    }
    openIfPossible();
  }

  @Deactivate
  synchronized void deactivate() {
    active = false;
    registries.close();
    closeAll();
  }

  /** Told of every backend bundle's provider as it arrives, to open a database that waited for it. */
  @Reference(service = BackendProvider.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      unbind = "removeBackend")
  synchronized void addBackend(BackendProvider provider) {
    if (active && open == null && provider.name().equals(backend())) {
      whenInFactory(() -> inFactory(backend()));
    }
  }

  /** Told of every decorator bundle's provider as it arrives, to open a configuration that named it before it was there. */
  @Reference(service = DecoratorProvider.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      unbind = "removeDecorator")
  synchronized void addDecorator(DecoratorProvider provider) {
    if (active && failed) {
      whenInFactory(() -> factory.decorators().contains(provider.name()));
    }
  }

  synchronized void removeDecorator(DecoratorProvider provider) {
    // an open database keeps the decorator instances it was opened with until it is reopened
  }

  /** Core's factory tracks the same services; which of the two hears of one first is not defined: wait for the factory. */
  private void whenInFactory(java.util.function.BooleanSupplier ready) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Runnable attempt = new Runnable() {
      @Override
      public void run() {
        synchronized (DatabaseComponent.this) {
          if (!active) {
            return;
          }
          if (ready.getAsBoolean() || System.nanoTime() > deadline) {
            openIfPossible();
          } else {
            WAITING.schedule(this, 100, TimeUnit.MILLISECONDS);
          }
        }
      }
    };
    WAITING.schedule(attempt, 100, TimeUnit.MILLISECONDS);
  }

  private boolean inFactory(String backend) {
    return backend != null && (factory.backends().contains(backend)
        || factory.backends().stream().anyMatch(b -> factory.provider(b).aliases().contains(backend)));
  }

  synchronized void removeBackend(BackendProvider provider) {
    if (open != null && provider.name().equals(open.current().backendName())) {
      LOG.info("database '{}': its backend '{}' went away; closed until it is deployed again", name, provider.name());
      closeAll();
    }
  }

  private String backend() {
    Object b = properties.get("backend");
    return b == null ? null : b.toString();
  }

  private void openIfPossible() {
    String backend = backend();
    String origin = ConfigProperties.origin(properties);
    if (backend == null || backend.isBlank()) {
      LOG.error("{}: no 'backend' key; say which backend opens database '{}' (one of {})", origin, name, factory.backends());
      return;
    }
    if (!inFactory(backend)) {
      LOG.info("{}: database '{}' waits for backend '{}' to be deployed (deployed: {})", origin, name, backend, factory.backends());
      return;
    }
    Database db;
    try {
      db = factory.open(name, backend, ConfigProperties.of(properties), registries.current());
      failed = false;
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("{}: database '{}' not opened{}: {}", origin, name, open != null ? " again (the instance opened before goes on)" : "",
          e.getMessage());
      return;
    }
    if (open == null) {
      open = new SwappableDatabase(name, db);
      registration = context.registerService(Database.class, open.database(), serviceProperties(db));
      asyncRegistration = context.registerService(AsyncDatabase.class, open.async(), serviceProperties(db));
      LOG.info("{}: database '{}' ({}) registered", origin, name, db.backendName());
    } else {
      open.swap(db);
      registration.setProperties(serviceProperties(db));
      asyncRegistration.setProperties(serviceProperties(db));
      LOG.info("{}: database '{}' ({}) reopened with its new configuration", origin, name, db.backendName());
    }
  }

  private Dictionary<String, Object> serviceProperties(Database db) {
    Hashtable<String, Object> p = new Hashtable<>();
    p.put(DatabaseServices.NAME, name);
    p.put(DatabaseServices.BACKEND, db.backendName());
    return p;
  }

  private void closeAll() {
    for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {registration, asyncRegistration}) {
      if (r != null) {
        try {
          r.unregister();
        } catch (IllegalStateException e) {
          // already gone with the bundle
        }
      }
    }
    registration = null;
    asyncRegistration = null;
    if (open != null) {
      open.close();
      open = null;
    }
  }
}

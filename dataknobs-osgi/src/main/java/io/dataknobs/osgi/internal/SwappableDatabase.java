package io.dataknobs.osgi.internal;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Database;
import io.dataknobs.core.async.AsyncDatabaseAdapter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.BaseStream;

/**
 * The {@link Database} a configured database's service is: every call goes to the instance open
 * now, and {@link #swap} puts another in its place. A call (and a stream, until it is closed)
 * holds the instance it started on; a swapped-out instance is closed when the last of those
 * ends, so a reconfiguration loses no call in flight. Closing the service does nothing: its
 * configuration owns it.
 */
final class SwappableDatabase implements InvocationHandler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SwappableDatabase.class);

  /** An open database and the calls that hold it. */
  private static final class Instance {
    final Database db;
    final AtomicInteger holders = new AtomicInteger();
    volatile boolean retired;
    final AtomicBoolean closed = new AtomicBoolean();

    Instance(Database db) {
      this.db = db;
    }

    void release() {
      if (holders.decrementAndGet() == 0 && retired) {
        closeOnce();
      }
    }

    void closeOnce() {
      if (closed.compareAndSet(false, true)) {
        try {
          db.close();
        } catch (RuntimeException e) {
          LOG.warn("closing the replaced instance of a configured database: {}", e.getMessage());
        }
      }
    }
  }

  private final String name;
  private volatile Instance current;
  private final Database proxy;
  private final AsyncDatabase async;

  SwappableDatabase(String name, Database first) {
    this.name = name;
    this.current = new Instance(first);
    this.proxy = (Database) Proxy.newProxyInstance(Database.class.getClassLoader(), new Class<?>[] {Database.class}, this);
    this.async = new AsyncDatabaseAdapter(proxy);
  }

  /** @return the database to register */
  Database database() {
    return proxy;
  }

  /** @return its asynchronous view, on the same instance as every call */
  AsyncDatabase async() {
    return async;
  }

  /** @return the instance open now (for health and tests) */
  Database current() {
    return current.db;
  }

  /** Puts {@code next} in place; the old instance closes once no call holds it. */
  void swap(Database next) {
    retire(current);
    current = new Instance(next);
  }

  /** Closes the instance open now (once no call holds it). */
  void close() {
    retire(current);
  }

  private static void retire(Instance old) {
    old.retired = true;
    if (old.holders.get() == 0) {
      old.closeOnce();
    }
  }

  private Instance hold() {
    while (true) {
      Instance in = current;
      in.holders.incrementAndGet();
      if (!in.retired) {
        return in;
      }
      in.release(); // swapped meanwhile: take the new one
    }
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "toString" -> {
        return "configured database '" + name + "' (" + current.db.backendName() + ")";
      }
      case "hashCode" -> {
        return System.identityHashCode(self);
      }
      case "equals" -> {
        return self == args[0];
      }
      case "async" -> {
        return async;
      }
      case "close" -> {
        LOG.debug("close() on the service of '{}' ignored: delete its configuration to close it", name);
        return null;
      }
      default -> { }
    }
    Instance in = hold();
    boolean handedOver = false;
    try {
      Object result = method.invoke(in.db, args);
      if (result instanceof BaseStream<?, ?> s) {
        handedOver = true;
        return s.onClose(in::release);
      }
      return result;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      if (!handedOver) {
        in.release();
      }
    }
  }
}

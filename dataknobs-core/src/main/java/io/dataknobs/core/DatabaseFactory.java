package io.dataknobs.core;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceConsumer;
import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.BackendNotFoundException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.api.Database;
import io.dataknobs.core.config.ConfigValidator;
import io.dataknobs.core.decorator.Decorators;
import io.dataknobs.spi.BackendConfig;
import io.dataknobs.spi.BackendProvider;
import io.dataknobs.spi.ConfigSpec;
import io.dataknobs.spi.DecoratorProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens databases by backend name. Backends and decorators are discovered through
 * {@link ServiceLoader} ({@link #standard()}), given explicitly (tests, embedding), or
 * tracked as OSGi services (core registers a {@code DatabaseFactory} service in OSGi).
 * Names are case-insensitive and aliases are accepted. Thread-safe; providers may come and
 * go at runtime.
 */
@ServiceConsumer(value = BackendProvider.class, resolution = Resolution.OPTIONAL)
@ServiceConsumer(value = DecoratorProvider.class, resolution = Resolution.OPTIONAL)
public class DatabaseFactory {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseFactory.class);

  private final List<BackendProvider> backends = new CopyOnWriteArrayList<>();
  private final Map<String, BackendProvider> byName = new ConcurrentHashMap<>();
  private final List<DecoratorProvider> decorators = new CopyOnWriteArrayList<>();
  private final List<Object> services = new CopyOnWriteArrayList<>();

  /** A factory with no providers; add them with {@link #register(BackendProvider)}. */
  public DatabaseFactory() {}

  /** A factory over the given backends and decorators. */
  public DatabaseFactory(Collection<? extends BackendProvider> backends,
      Collection<? extends DecoratorProvider> decorators) {
    backends.forEach(this::register);
    decorators.forEach(this::register);
  }

  /** A factory over the given backends, without decorators. */
  public DatabaseFactory(BackendProvider... backends) {
    this(List.of(backends), List.of());
  }

  /**
   * @return a factory over every {@link BackendProvider} and {@link DecoratorProvider} found by
   *     {@link ServiceLoader} (in core's module layer when core is a named module, otherwise on
   *     core's class path)
   */
  public static DatabaseFactory standard() {
    Module module = DatabaseFactory.class.getModule();
    ClassLoader loader = DatabaseFactory.class.getClassLoader();
    ServiceLoader<BackendProvider> b = module.isNamed() && module.getLayer() != null
        ? ServiceLoader.load(module.getLayer(), BackendProvider.class)
        : ServiceLoader.load(BackendProvider.class, loader);
    ServiceLoader<DecoratorProvider> d = module.isNamed() && module.getLayer() != null
        ? ServiceLoader.load(module.getLayer(), DecoratorProvider.class)
        : ServiceLoader.load(DecoratorProvider.class, loader);
    List<BackendProvider> bs = new ArrayList<>();
    b.forEach(bs::add);
    List<DecoratorProvider> ds = new ArrayList<>();
    d.forEach(ds::add);
    return new DatabaseFactory(bs, ds);
  }

  /**
   * Adds a backend. A provider whose name or alias is taken by another is rejected.
   *
   * @throws ConfigurationException if a name or alias is already registered
   */
  public void register(BackendProvider provider) {
    Objects.requireNonNull(provider, "provider");
    synchronized (byName) {
      List<String> names = namesOf(provider);
      for (String n : names) {
        BackendProvider other = byName.get(n);
        if (other != null && other != provider) {
          throw new ConfigurationException(n, "backend name '" + n + "' of " + provider.getClass().getName()
              + " is taken by " + other.getClass().getName());
        }
      }
      names.forEach(n -> byName.put(n, provider));
      backends.add(provider);
    }
  }

  /** Removes a backend (databases it opened stay open). */
  public void unregister(BackendProvider provider) {
    synchronized (byName) {
      if (backends.remove(provider)) {
        byName.values().removeIf(p -> p == provider);
      }
    }
  }

  /** Adds a decorator. */
  public void register(DecoratorProvider provider) {
    decorators.add(Objects.requireNonNull(provider, "provider"));
  }

  /** Removes a decorator. */
  public void unregister(DecoratorProvider provider) {
    decorators.remove(provider);
  }

  /**
   * Hands {@code service} to every database opened from now on, beside what each
   * {@link #open(String, String, Map, List)} adds: a Micrometer {@code MeterRegistry} is where
   * the {@code metrics} decorator records (see {@link BackendConfig#services()}).
   *
   * @since core 1.1
   */
  public void addService(Object service) {
    services.add(Objects.requireNonNull(service, "service"));
  }

  /**
   * Stops handing {@code service} to databases opened from now on (open ones keep it).
   *
   * @since core 1.1
   */
  public void removeService(Object service) {
    services.remove(service);
  }

  /**
   * @return the services handed to every database this factory opens
   * @since core 1.1
   */
  public List<Object> services() {
    return List.copyOf(services);
  }

  private static List<String> namesOf(BackendProvider p) {
    List<String> names = new ArrayList<>();
    names.add(p.name().toLowerCase(Locale.ROOT));
    for (String a : p.aliases()) {
      names.add(a.toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** @return the canonical names of the registered backends, sorted */
  public SortedSet<String> backends() {
    SortedSet<String> names = new TreeSet<>();
    backends.forEach(p -> names.add(p.name()));
    return names;
  }

  /** @return the names of the registered decorators, sorted */
  public SortedSet<String> decorators() {
    SortedSet<String> names = new TreeSet<>();
    decorators.forEach(p -> names.add(p.name()));
    return names;
  }

  /**
   * @return the provider for a name or alias (case-insensitive)
   * @throws BackendNotFoundException listing the available backends
   */
  public BackendProvider provider(String name) {
    BackendProvider p = name == null ? null : byName.get(name.trim().toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new BackendNotFoundException(name, backends());
    }
    return p;
  }

  /**
   * @return the configuration keys of a backend or a decorator ({@code cache}, {@code bulkhead}, …), with types, defaults
   *     and descriptions
   * @throws BackendNotFoundException listing the available backends
   */
  public ConfigSpec describe(String name) {
    Optional<DecoratorProvider> d = backends.stream().anyMatch(b -> matches(b, name)) ? Optional.empty() : decorator(name);
    return d.isPresent() ? d.get().configSpec() : provider(name).configSpec();
  }

  private static boolean matches(BackendProvider b, String name) {
    return b.name().equalsIgnoreCase(name) || b.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name));
  }

  /**
   * Opens a database. Keys of {@code config} that name a registered decorator
   * ({@code cache}, {@code bulkhead}, …) configure that decorator; the rest is validated
   * against the backend's {@link ConfigSpec}; a {@code backend} key is ignored.
   *
   * @throws BackendNotFoundException for an unknown backend, listing the available ones
   * @throws ConfigurationException for an unknown key (naming the nearest accepted one), a
   *     wrong type or a missing required key
   */
  public Database open(String backend, Map<String, ?> config) {
    return open(null, backend, config, List.of());
  }

  /**
   * Opens a database as {@link #open(String, Map)} does, under a name and with services of its
   * own.
   *
   * @param name what the application calls this database ({@code orders}): a decorator section
   *     with a {@code name} key that was not given gets it (the {@code database} tag of the
   *     {@code metrics} decorator's meters); null for none
   * @param backend the backend's name or alias
   * @param config the backend's keys and the decorator sections
   * @param services handed, after the factory's own ({@link #addService}), to the backend and
   *     every decorator ({@link BackendConfig#services()})
   * @return the decorated database
   * @throws BackendNotFoundException for an unknown backend, listing the available ones
   * @throws ConfigurationException as {@link #open(String, Map)}
   * @since core 1.1
   */
  public Database open(String name, String backend, Map<String, ?> config, List<?> services) {
    BackendProvider provider = provider(backend);
    List<Object> handed = new ArrayList<>(this.services);
    handed.addAll(services);
    Map<String, Object> backendPart = new LinkedHashMap<>();
    Map<String, Object> sections = new LinkedHashMap<>();
    List<String> decoratorNames = new ArrayList<>(decorators());
    for (Map.Entry<String, ?> e : (config == null ? Map.<String, Object>of() : config).entrySet()) {
      if ("backend".equals(e.getKey())) {
        continue;
      }
      if (decorator(e.getKey()).isPresent()) {
        sections.put(e.getKey(), e.getValue());
      } else if (Decorators.artifactFor(e.getKey()).isPresent() && provider.configSpec().find(e.getKey()).isEmpty()) {
        throw Decorators.notInstalled(e.getKey(), decoratorNames);
      } else {
        backendPart.put(e.getKey(), e.getValue());
      }
    }
    BackendConfig validated = ConfigValidator.validate(provider.name(), provider.configSpec(), backendPart, decoratorNames);
    List<DecoratorProvider> installed = List.copyOf(decorators);
    // validate every section before the backend opens anything
    sections.replaceAll((section, value) -> named(decorator(section).orElseThrow(), value, name));
    sections.forEach((section, value) -> Decorators.settings(decorator(section).orElseThrow(), value));
    LOG.debug("opening {} with {}", provider.name(), validated);
    Database db = provider.open(validated.withServices(handed));
    Decorators.Builder stack = Decorators.of(db, installed).services(handed);
    try {
      sections.forEach(stack::with);
    } catch (RuntimeException ex) {
      db.close();
      throw ex;
    }
    return stack.build();
  }

  /** A section turned on whose spec has a {@code name} key not given gets the database's name. */
  private static Object named(DecoratorProvider provider, Object section, String name) {
    if (name == null || provider.configSpec().find("name").isEmpty()) {
      return section;
    }
    if (Boolean.TRUE.equals(section) || "true".equals(section)) {
      return Map.of("name", name);
    }
    if (section instanceof Map<?, ?> m && !m.containsKey("name")) {
      Map<Object, Object> copy = new LinkedHashMap<>(m);
      copy.put("name", name);
      return copy;
    }
    return section;
  }

  private Optional<DecoratorProvider> decorator(String name) {
    for (DecoratorProvider d : decorators) {
      if (d.name().equalsIgnoreCase(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Opens a database named by the {@code backend} key of {@code config}.
   *
   * @throws ConfigurationException if {@code backend} is missing
   */
  public Database open(Map<String, ?> config) {
    return open(backendOf(config), config);
  }

  /** Opens an asynchronous view; natively asynchronous backends without decorators open natively. */
  public AsyncDatabase openAsync(String backend, Map<String, ?> config) {
    BackendProvider provider = provider(backend);
    boolean decorated = config != null && config.keySet().stream().anyMatch(k -> decorator(k).isPresent());
    if (!decorated) {
      Map<String, Object> part = new LinkedHashMap<>(config == null ? Map.of() : config);
      part.remove("backend");
      return provider.openAsync(ConfigValidator.validate(provider.name(), provider.configSpec(), part));
    }
    return open(backend, config).async();
  }

  /** Opens an asynchronous view of the backend named by the {@code backend} key. */
  public AsyncDatabase openAsync(Map<String, ?> config) {
    return openAsync(backendOf(config), config);
  }

  private String backendOf(Map<String, ?> config) {
    Object b = config == null ? null : config.get("backend");
    if (!(b instanceof String) || ((String) b).isBlank()) {
      throw new ConfigurationException("backend", "configuration key 'backend' is required to choose a backend; available: "
          + backends());
    }
    return (String) b;
  }

  @Override
  public String toString() {
    return "DatabaseFactory{backends=" + backends() + ", decorators=" + decorators() + "}";
  }
}

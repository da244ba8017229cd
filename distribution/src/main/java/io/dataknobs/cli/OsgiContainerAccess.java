package io.dataknobs.cli;

import java.nio.file.Path;
import java.util.List;

/** The container for code outside this package (the integration test), with the same lifecycle. */
public final class OsgiContainerAccess implements AutoCloseable {
  private final OsgiContainer container;

  /**
   * @param lib shared bundles
   * @param deploy the watched folder
   * @param storage the framework cache
   * @throws Exception if the framework does not start
   */
  public OsgiContainerAccess(Path lib, Path deploy, Path storage) throws Exception {
    this.container = new OsgiContainer(lib, deploy, storage);
  }

  /**
   * @param lib shared bundles
   * @param deploy the watched folder
   * @param storage the framework cache
   * @param metricsPort the Prometheus endpoint's port (0: any free one)
   * @throws Exception if the framework does not start
   */
  public OsgiContainerAccess(Path lib, Path deploy, Path storage, int metricsPort) throws Exception {
    this.container = new OsgiContainer(lib, deploy, storage, false, metricsPort);
  }

  /** @return the port the Prometheus endpoint listens on, or -1 while there is none */
  public int metricsPort() {
    return container.metricsPort();
  }

  /** @return the DatabaseFactory service, or null */
  public Object factory() {
    return container.factory();
  }

  /** @return the backends offered now */
  public List<String> backends() {
    return container.backends();
  }

  /** @return the decorators offered now */
  public List<String> decorators() {
    return container.decorators();
  }

  /** @return the configured databases registered now: name to backend */
  public java.util.SortedMap<String, String> databases() {
    return container.databases();
  }

  /** @return the {@code Database} service of a configured database, or null */
  public Object database(String name) {
    return container.database(name);
  }

  /** @return what a Gogo command line returned or printed */
  public String shell(String command) {
    return container.shell(command);
  }

  /** @return pools open in the container */
  public int poolCount() {
    return container.poolCount();
  }

  /** @return why bundles stay unresolved, one line each */
  public List<String> unresolved() {
    return container.unresolved();
  }

  /** @return the bundle that {@code bundle}'s import of {@code pkg} is wired to, or null */
  public String wiredProvider(String bundle, String pkg) {
    return container.wiredProvider(bundle, pkg);
  }

  @Override
  public void close() {
    container.close();
  }
}

package io.dataknobs.osgi;

/**
 * The names under which configured databases appear in OSGi. A Config Admin factory
 * configuration of {@link #FACTORY_PID} (File Install turns {@code deploy/io.dataknobs.database-orders.cfg}
 * into one) holds one database's configuration: {@code backend} and the backend's keys, decorator
 * sections as dotted keys ({@code cache.records.max_size = 1000}, {@code metrics = true}). While
 * it is valid and its backend is deployed, a {@code io.dataknobs.api.Database} service and an
 * {@code io.dataknobs.api.AsyncDatabase} service are registered with {@link #NAME} and
 * {@link #BACKEND} properties.
 */
public final class DatabaseServices {
  /** The factory PID of a configured database. */
  public static final String FACTORY_PID = "io.dataknobs.database";
  /** Service property: the database's name (the configuration's {@code name}, else its file's name after the PID and a dash). */
  public static final String NAME = "dataknobs.name";
  /** Service property: the backend it was opened with. */
  public static final String BACKEND = "dataknobs.backend";

  private DatabaseServices() {}
}

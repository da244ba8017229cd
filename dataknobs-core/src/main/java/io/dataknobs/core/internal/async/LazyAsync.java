package io.dataknobs.core.internal.async;

import io.dataknobs.core.async.AsyncDatabaseAdapter;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Database;

/** A database's async view, made on first use and then shared (for {@link Database#async()} implementations). */
public final class LazyAsync {
  private final Database db;
  private volatile AsyncDatabase async;

  /** @param db the database the view runs on */
  public LazyAsync(Database db) {
    this.db = db;
  }

  /** @return the view, created the first time on the shared executor */
  public AsyncDatabase get() {
    AsyncDatabase a = async;
    if (a == null) {
      synchronized (this) {
        if (async == null) {
          async = new AsyncDatabaseAdapter(db);
        }
        a = async;
      }
    }
    return a;
  }
}

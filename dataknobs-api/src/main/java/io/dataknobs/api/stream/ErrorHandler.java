package io.dataknobs.api.stream;

import io.dataknobs.api.Record;
import org.osgi.annotation.versioning.ConsumerType;

/** Decides whether {@code streamWrite} continues after a record failed. */
@FunctionalInterface
@ConsumerType
public interface ErrorHandler {
  /**
   * @param error why the record failed
   * @param record the record that failed
   * @return true to continue with the next record, false to stop the write
   */
  boolean onError(Exception error, Record record);
}

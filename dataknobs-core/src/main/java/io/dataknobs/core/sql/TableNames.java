package io.dataknobs.core.sql;

import io.dataknobs.api.ConfigurationException;
import java.util.regex.Pattern;

/** Validation of table names before they are quoted into SQL. */
public final class TableNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private TableNames() {}

  /**
   * @return {@code name} if it is a plain identifier (letters, digits, {@code _}; up to 63 characters)
   * @throws ConfigurationException naming the key {@code table} otherwise
   */
  public static String check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigurationException("table", "configuration key 'table' must be a plain identifier (letters, digits, '_',"
          + " at most 63 characters, not starting with a digit), got '" + name + "'");
    }
    return name;
  }
}

package io.dataknobs.core.sql;

import io.dataknobs.api.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The table a {@link JdbcDatabase} keeps its records in, and the SQL of its rows: {@code id}
 * (primary key), {@code data} and {@code metadata} as JSON in their natural form (so the engine
 * can filter on them), {@code data_types}/{@code metadata_types} with the codec's type hints
 * (NULL when there are none), {@code version} (a random 63-bit token, new on every write),
 * {@code created_at}/{@code updated_at} (epoch milliseconds), and the dialect's
 * {@linkplain SqlDialect#extraColumns extra columns} (an insertion-order number), then the
 * {@link FieldColumns} kept for top-level fields, which every write binds after the others.
 *
 * <p>Every select lists {@link #COLUMNS} first, in that order, as {@link RowCodec#decode} reads
 * them.
 *
 * @since core.sql 2.0
 */
public final class TableLayout {
  /** The columns of a record, in the order selects list them and {@link RowCodec} reads them. */
  public static final String COLUMNS = "id, data, data_types, metadata, metadata_types, version";

  private final SqlDialect dialect;
  private final String name;
  private final String quoted;
  private final FieldColumns fields;

  /**
   * @param dialect the engine's dialect
   * @param name the validated table name (see {@link TableNames})
   * @param fields the typed columns of top-level fields ({@link FieldColumns#NONE} for none)
   */
  public TableLayout(SqlDialect dialect, String name, FieldColumns fields) {
    this.dialect = dialect;
    this.name = name;
    this.quoted = dialect.quote(name);
    this.fields = fields;
  }

  /** @return the typed columns of top-level fields */
  public FieldColumns fields() {
    return fields;
  }

  /** @return {@code ", a<suffix>, b<suffix>"} over the typed columns written ({@code $} in the suffix is the column) */
  private String typedList(String suffix) {
    StringBuilder sb = new StringBuilder();
    for (String c : fields.written()) {
      sb.append(", ").append(c).append(suffix.replace("$", c));
    }
    return sb.toString();
  }

  /** @return the table name as configured */
  public String name() {
    return name;
  }

  /** @return the table name quoted for SQL */
  public String quoted() {
    return quoted;
  }

  /** @return the {@code CREATE TABLE IF NOT EXISTS} statement */
  public String createTable() {
    String json = dialect.jsonColumnType();
    String text = dialect.textColumnType();
    return "CREATE TABLE IF NOT EXISTS " + quoted + " (id " + text + " PRIMARY KEY, data " + json + " NOT NULL, data_types " + text
        + ", metadata " + json + " NOT NULL, metadata_types " + text + ", version BIGINT NOT NULL, created_at BIGINT NOT NULL,"
        + " updated_at BIGINT NOT NULL" + dialect.extraColumns(name) + typedDefinitions() + ")";
  }

  private String typedDefinitions() {
    StringBuilder sb = new StringBuilder();
    for (String d : fields.definitions()) {
      sb.append(", ").append(d);
    }
    return sb.toString();
  }

  /**
   * @param fields the fields of the {@code indexes} configuration key
   * @return one {@code CREATE INDEX IF NOT EXISTS} per field, on the field's text
   * @throws ConfigurationException naming {@code indexes} if the engine cannot index
   *     expressions or a field is not a path
   */
  public List<String> createIndexes(List<String> fields) {
    if (!fields.isEmpty() && dialect.expressionIndexLimitation() != null) {
      throw new ConfigurationException("indexes", "configuration key 'indexes' is not supported by " + dialect.name() + ": "
          + dialect.expressionIndexLimitation());
    }
    List<String> out = new ArrayList<>();
    for (String field : fields) {
      JsonPath p = JsonPath.of(field);
      if (p == null || p.isId()) {
        throw new ConfigurationException("indexes", "configuration key 'indexes': cannot index field '" + field
            + "': index paths are names of letters, digits, '_', '-', ' ', '$' or '@' separated by '.'");
      }
      out.add("CREATE INDEX IF NOT EXISTS " + dialect.quote(name + "_ix" + out.size()) + " ON " + quoted + " ("
          + dialect.textOf(p.column(), p.literal()) + ")");
    }
    return out;
  }

  /**
   * @return an insert of id, the record's columns, version, created_at and updated_at, then the
   *     {@linkplain FieldColumns#written typed columns}, each placeholder as the dialect spells
   *     its kind of value ({@link SqlDialect#jsonParameter}, {@link SqlDialect#nullableParameter})
   */
  public String insert() {
    return "INSERT INTO " + quoted + " (" + COLUMNS + ", created_at, updated_at" + typedList("") + ") VALUES (?, "
        + String.join(", ", recordPlaceholders()) + ", ?, ?" + typedValues(false) + ")";
  }

  /** The record's columns {@link RowCodec#bind} binds, in its order. */
  private static final List<String> RECORD_COLUMNS = List.of("data", "data_types", "metadata", "metadata_types", "version");

  /**
   * @return the placeholders of {@link #RECORD_COLUMNS}, as the dialect spells a JSON value and
   *     one that may be NULL
   */
  private List<String> recordPlaceholders() {
    return List.of(dialect.jsonParameter(), dialect.nullableParameter("VARCHAR"), dialect.jsonParameter(),
        dialect.nullableParameter("VARCHAR"), "?");
  }

  /**
   * @param assign true for an update's {@code , column = value} list, false for an insert's values
   * @return the typed columns' placeholders, each as the dialect spells a value that may be NULL
   *     (bound by {@link FieldColumns#bind}; a definition is {@code name TYPE})
   */
  private String typedValues(boolean assign) {
    StringBuilder sb = new StringBuilder();
    List<String> written = fields.written();
    List<String> definitions = fields.definitions();
    for (int i = 0; i < written.size(); i++) {
      String definition = definitions.get(i);
      sb.append(", ").append(assign ? written.get(i) + " = " : "")
          .append(dialect.nullableParameter(definition.substring(definition.indexOf(' ') + 1)));
    }
    return sb.toString();
  }

  /** @return {@link #insert} that replaces a stored row of the same id, keeping its creation time and order */
  public String upsert() {
    return insert() + " ON CONFLICT (id) DO UPDATE SET " + replaced();
  }

  /** @return the SET list of an upsert taking every written column from {@code excluded} */
  public String replaced() {
    return "data = excluded.data, data_types = excluded.data_types, metadata = excluded.metadata,"
        + " metadata_types = excluded.metadata_types, version = excluded.version, updated_at = excluded.updated_at"
        + typedList(" = excluded.$");
  }

  /**
   * @param conditional true to require the stored version (one more parameter)
   * @return an update of the record's columns, version, updated_at and typed columns by id
   */
  public String update(boolean conditional) {
    List<String> placeholders = recordPlaceholders();
    StringBuilder set = new StringBuilder();
    for (int i = 0; i < RECORD_COLUMNS.size(); i++) {
      set.append(i == 0 ? "" : ", ").append(RECORD_COLUMNS.get(i)).append(" = ").append(placeholders.get(i));
    }
    return "UPDATE " + quoted + " SET " + set + ", updated_at = ?" + typedValues(true) + " WHERE id = ?" + (conditional ? " AND version = ?" : "");
  }

  /**
   * @param conditional true to require the stored version (a second parameter)
   * @return a delete by id
   */
  public String delete(boolean conditional) {
    return "DELETE FROM " + quoted + " WHERE id = ?" + (conditional ? " AND version = ?" : "");
  }

  /** @return the version of one id */
  public String versionOf() {
    return "SELECT version FROM " + quoted + " WHERE id = ?";
  }

  /**
   * @param n how many ids are bound
   * @param columns what to select
   * @return a select of {@code columns} for {@code n} ids
   */
  public String selectIds(int n, String columns) {
    return "SELECT " + columns + " FROM " + quoted + " WHERE id " + (n == 1 ? "= ?" : "IN (" + String.join(", ",
        Collections.nCopies(n, "?")) + ")");
  }

  /** @return a count of every row */
  public String countAll() {
    return "SELECT count(*) FROM " + quoted;
  }
}

package io.dataknobs.backend.file;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import org.duckdb.DuckDBAppender;

/**
 * A Parquet column's physical kind: how its values are selected and read as {@link CsvFormat}
 * cells (text), and how cells are appended to a column of that kind when the file is written. The
 * file backend writes {@link #INTEGER}, {@link #NUMBER}, {@link #BOOLEAN}, {@link #DATE},
 * {@link #BYTES}, {@link #JSON} and {@link #TEXT}; the others are read from files written elsewhere.
 */
enum ParquetColumn {
  INTEGER("BIGINT", "integer"),
  NUMBER("DOUBLE", "number"),
  BOOLEAN("BOOLEAN", "boolean"),
  DATE("DATE", "date"),
  BYTES("BLOB", "bytes"),
  JSON("JSON", "json"),
  TEXT("VARCHAR", "string"),
  /** A timestamp (with or without a zone; one without is read as UTC). */
  INSTANT(null, "instant"),
  /** A decimal, or an integer too large for a long (UBIGINT, HUGEINT). */
  DECIMAL(null, "decimal"),
  /** A list, struct, map or array: read as its JSON. */
  NESTED(null, "json"),
  /** Anything else (time, interval, UUID, enum): read as DuckDB's text of it. */
  OTHER(null, "string");

  /** The type the file backend writes the column as, or null for a kind only read. */
  final String written;
  /** The type a {@link CsvFormat} declares the column, when the file says no other. */
  final String declared;

  ParquetColumn(String written, String declared) {
    this.written = written;
    this.declared = declared;
  }

  /** @return the kind of a column DuckDB describes as {@code type} */
  static ParquetColumn of(String type) {
    String t = type.toUpperCase(Locale.ROOT);
    if (t.endsWith("]") || t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION")) {
      return NESTED;
    }
    if (t.startsWith("DECIMAL") || t.startsWith("NUMERIC") || t.equals("UBIGINT") || t.equals("HUGEINT") || t.equals("UHUGEINT")) {
      return DECIMAL;
    }
    if (t.startsWith("TIMESTAMP")) {
      return INSTANT;
    }
    return switch (t) {
      case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT" -> INTEGER;
      case "DOUBLE", "FLOAT", "REAL" -> NUMBER;
      case "BOOLEAN" -> BOOLEAN;
      case "DATE" -> DATE;
      case "BLOB" -> BYTES;
      case "JSON" -> JSON;
      case "VARCHAR" -> TEXT;
      default -> OTHER;
    };
  }

  /** @return the kind the file backend writes a column declared {@code declared} (a {@link CsvCells} type or codec hint) as */
  static ParquetColumn forDeclared(String declared) {
    if (declared == null) {
      return TEXT;
    }
    return switch (declared) {
      case "integer" -> INTEGER;
      case "number" -> NUMBER;
      case "boolean" -> BOOLEAN;
      case "date" -> DATE;
      case "bytes" -> BYTES;
      case "json" -> JSON;
      default -> TEXT;
    };
  }

  /** @return the select-list expression for column {@code quoted} */
  String select(String quoted) {
    return switch (this) {
      case NESTED -> "CAST(to_json(" + quoted + ") AS VARCHAR)";
      case DECIMAL, OTHER, JSON -> "CAST(" + quoted + " AS VARCHAR)";
      default -> quoted;
    };
  }

  /** @return the cell of result column {@code i}: null for a NULL */
  String read(ResultSet rs, int i) throws SQLException {
    switch (this) {
      case INTEGER -> {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Long.toString(v);
      }
      case NUMBER -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : Double.toString(v);
      }
      case BOOLEAN -> {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : Boolean.toString(v);
      }
      case DATE -> {
        LocalDate d = rs.getObject(i, LocalDate.class);
        return d == null ? null : d.toString();
      }
      case BYTES -> {
        byte[] b = rs.getBytes(i);
        return b == null ? null : Base64.getEncoder().encodeToString(b);
      }
      case INSTANT -> {
        Object v = rs.getObject(i);
        if (v == null) {
          return null;
        }
        Instant at = v instanceof OffsetDateTime o ? o.toInstant()
            : v instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
            : v instanceof Timestamp ts ? ts.toInstant()
            : v instanceof Instant in ? in : Instant.parse(v.toString());
        return at.toString();
      }
      default -> {
        return rs.getString(i);
      }
    }
  }

  /** Appends a cell (null: NULL) to a column of a kind this backend writes. */
  void append(DuckDBAppender ap, String cell) throws SQLException {
    switch (this) {
      case INTEGER -> ap.append(cell == null ? null : Long.valueOf(cell));
      case NUMBER -> ap.append(cell == null ? null : Double.valueOf(cell));
      case BOOLEAN -> ap.append(cell == null ? null : Boolean.valueOf(cell));
      case DATE -> ap.append(cell == null ? null : LocalDate.parse(cell));
      case BYTES -> ap.append(cell == null ? null : Base64.getDecoder().decode(cell));
      default -> ap.append(cell);
    }
  }
}

package dev.mlops.core.data;

import dev.mlops.api.FieldType;
import java.sql.JDBCType;
import java.sql.Types;
import java.util.Locale;

/** The kinds of result column {@link JdbcReader} reads, from the JDBC type a driver reports. */
enum SqlKind {
    /** TINYINT, SMALLINT, INTEGER, BIGINT: read as {@code long}. */
    INTEGER,
    /** Single precision, read as a {@code float} so its value is the one stored, whatever the transfer format. */
    REAL,
    /** FLOAT and DOUBLE, which JDBC defines as double precision. */
    DOUBLE,
    /** NUMERIC and DECIMAL: read as {@code BigDecimal} and checked against their double. */
    DECIMAL,
    /** BOOLEAN, and BIT, which PostgreSQL's driver reports for its {@code boolean}. */
    BOOLEAN,
    /** CHAR, VARCHAR and their long and national forms. */
    TEXT,
    DATE,
    /** A date and time without a zone. */
    TIMESTAMP,
    /** A date and time with a zone or offset: an instant. */
    TIMESTAMP_TZ;

    /** The kind of a column of JDBC type {@code jdbcType}, named {@code typeName} by the database; null if not read. */
    static SqlKind of(int jdbcType, String typeName) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
            case Types.REAL -> REAL;
            case Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> TEXT;
            case Types.DATE -> DATE;
            // PostgreSQL's driver reports timestamptz as TIMESTAMP: only the type's name tells them apart
            case Types.TIMESTAMP -> withTimeZone(typeName) ? TIMESTAMP_TZ : TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            default -> null;
        };
    }

    private static boolean withTimeZone(String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return name.equals("timestamptz") || name.contains("with time zone");
    }

    /** The field type a column of this kind reads as when nothing else is asked. */
    FieldType natural() {
        return switch (this) {
            case INTEGER, REAL, DOUBLE, DECIMAL -> FieldType.NUMERIC;
            case BOOLEAN -> FieldType.BOOLEAN;
            case TEXT -> FieldType.CATEGORICAL;
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> FieldType.TIMESTAMP;
        };
    }

    /**
     * Whether a column of this kind can be read as {@code type} without guessing: text parses strictly into
     * any type; labels are made only from values with one obvious spelling (so not from floating point or times,
     * whose text the query should choose with a cast).
     */
    boolean readsAs(FieldType type) {
        return this == TEXT || switch (type) {
            case NUMERIC -> natural() == FieldType.NUMERIC;
            case CATEGORICAL, TEXT -> this == INTEGER || this == DECIMAL || this == BOOLEAN;
            case BOOLEAN -> this == BOOLEAN;
            case TIMESTAMP -> natural() == FieldType.TIMESTAMP;
        };
    }

    /** A SQL type to suggest casting to, so that a column reads as {@code type}. */
    static String castFor(FieldType type) {
        return switch (type) {
            case NUMERIC -> "double precision";
            case CATEGORICAL, TEXT -> "text";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamp with time zone";
        };
    }

    /** How a column's type reads in messages: the database's name and the JDBC type's. */
    static String describe(int jdbcType, String typeName) {
        String jdbc;
        try {
            jdbc = JDBCType.valueOf(jdbcType).getName();
        } catch (IllegalArgumentException vendorSpecific) {
            jdbc = "vendor type " + jdbcType;
        }
        return typeName + " (JDBC " + jdbc + ")";
    }
}

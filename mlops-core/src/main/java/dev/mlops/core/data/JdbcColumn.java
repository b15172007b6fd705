package dev.mlops.core.data;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.TimestampColumn;
import dev.mlops.core.data.internal.CellParsers;
import dev.mlops.core.internal.NumberLiteral;
import dev.mlops.core.internal.NumberText;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads one result column, row by row, into the builder of its field's type; see {@link JdbcReader} for the
 * rules. Each subclass is one target type and reads every {@link SqlKind} that {@link SqlKind#readsAs} allows.
 */
abstract class JdbcColumn {

    /** 2^63, the first double beyond {@code long}'s range. */
    private static final double LONG_LIMIT = 0x1p63;

    final Field field;
    /** The 1-based position in the result. */
    final int index;
    final SqlKind kind;
    private final String source;

    private JdbcColumn(Field field, int index, SqlKind kind, String source) {
        this.field = field;
        this.index = index;
        this.kind = kind;
        this.source = source;
    }

    /** A reader of result column {@code index}, of {@code kind}, into {@code field}, which it must be readable as. */
    static JdbcColumn of(Field field, int index, SqlKind kind, boolean inexactDecimals, String source,
            int expectedSize) {
        if (!kind.readsAs(field.type())) {
            throw new IllegalArgumentException(kind + " is not read as " + field.type());
        }
        return switch (field.type()) {
            case NUMERIC -> new Numeric(field, index, kind, inexactDecimals, source, expectedSize);
            case CATEGORICAL -> Labels.categorical(field, index, kind, source, expectedSize);
            case TEXT -> Labels.text(field, index, kind, source, expectedSize);
            case BOOLEAN -> new Bool(field, index, kind, source, expectedSize);
            case TIMESTAMP -> new Timestamp(field, index, kind, source, expectedSize);
        };
    }

    /**
     * Appends the value of the current row, numbered {@code row} (1-based) in messages.
     *
     * @throws DataException if the value cannot be read exactly as the field's type, or is NULL in a required field
     */
    abstract void read(ResultSet rows, long row) throws SQLException;

    abstract Column build();

    final DataException bad(long row, String raw, String reason) {
        return new DataException(source, row, field.name(), raw, "row " + row + " " + reason);
    }

    /** Checks that a NULL in {@code row} may be a missing value. */
    final void missing(long row) {
        if (!field.nullable()) {
            throw bad(row, null, "is NULL but the field is required");
        }
    }

    /** The value as a label, or null for NULL: integers in digits, decimals in plain notation, booleans true/false. */
    final String label(ResultSet rows) throws SQLException {
        return switch (kind) {
            case TEXT -> rows.getString(index);
            case INTEGER -> {
                long value = rows.getLong(index);
                yield rows.wasNull() ? null : Long.toString(value);
            }
            case DECIMAL -> {
                BigDecimal value = rows.getBigDecimal(index);
                yield value == null ? null : value.toPlainString();
            }
            case BOOLEAN -> {
                boolean value = rows.getBoolean(index);
                yield rows.wasNull() ? null : Boolean.toString(value);
            }
            default -> throw new IllegalStateException(kind + " is not read as labels");
        };
    }

    static final class Numeric extends JdbcColumn {
        private final NumericColumn.Builder builder;
        private final boolean inexactDecimals;

        Numeric(Field field, int index, SqlKind kind, boolean inexactDecimals, String source, int expectedSize) {
            super(field, index, kind, source);
            this.inexactDecimals = inexactDecimals;
            builder = NumericColumn.builder(field, expectedSize);
        }

        @Override
        void read(ResultSet rows, long row) throws SQLException {
            double value = switch (kind) {
                case INTEGER -> {
                    long integer = rows.getLong(index);
                    yield rows.wasNull() ? Double.NaN : exact(integer, row);
                }
                case REAL -> rows.getFloat(index);
                case DOUBLE -> rows.getDouble(index);
                case DECIMAL -> {
                    Object decimal = rows.getObject(index);
                    yield decimal == null ? Double.NaN : decimal(decimal, row);
                }
                case TEXT -> {
                    String text = rows.getString(index);
                    yield text == null ? Double.NaN : parse(text, row);
                }
                default -> throw new IllegalStateException(kind + " is not read as numbers");
            };
            // the NaN of a NULL is never added: a NaN the database holds is a value, as in CSV
            if (rows.wasNull()) {
                missing(row);
                builder.addMissing();
            } else {
                builder.add(value);
            }
        }

        private double exact(long integer, long row) {
            double value = integer;
            if (value == LONG_LIMIT || (long) value != integer) {
                throw bad(row, Long.toString(integer), "is an integer that a double cannot hold exactly (it would be "
                        + new BigDecimal(value).toPlainString() + "); cast it to text in the query to read it as a"
                        + " label, or to double precision to round it");
            }
            return value;
        }

        private double decimal(Object decimal, long row) {
            // PostgreSQL's driver gives a Double for the numeric NaN and infinities, which BigDecimal cannot hold
            if (decimal instanceof Double special && !Double.isFinite(special)) {
                return special;
            }
            BigDecimal exact = decimal instanceof BigDecimal big ? big : new BigDecimal(decimal.toString());
            double value = exact.doubleValue();
            if (Double.isInfinite(value)) {
                throw bad(row, exact.toPlainString(), "is beyond the range of a double");
            }
            if (!inexactDecimals && new BigDecimal(value).compareTo(exact) != 0) {
                throw bad(row, exact.toPlainString(), "is a decimal that a double cannot hold exactly (it would be "
                        + new BigDecimal(value).toPlainString() + "); read it as the nearest double with"
                        + " inexactDecimals(true), or cast it to double precision in the query");
            }
            return value;
        }

        private double parse(String text, long row) {
            NumberLiteral literal = NumberLiteral.read(text);
            if (literal.kind() != NumberLiteral.Kind.HELD) {
                throw bad(row, text, NumberText.problem(text));
            }
            return literal.value();
        }

        @Override
        Column build() {
            return builder.build();
        }
    }

    /** Categorical or text: the two differ only in how their builder stores the strings. */
    static final class Labels extends JdbcColumn {
        private final Consumer<String> add;
        private final Supplier<Column> build;

        private Labels(Field field, int index, SqlKind kind, String source, Consumer<String> add,
                Supplier<Column> build) {
            super(field, index, kind, source);
            this.add = add;
            this.build = build;
        }

        static Labels categorical(Field field, int index, SqlKind kind, String source, int expectedSize) {
            CategoricalColumn.Builder builder = CategoricalColumn.builder(field, expectedSize);
            return new Labels(field, index, kind, source, builder::add, builder::build);
        }

        static Labels text(Field field, int index, SqlKind kind, String source, int expectedSize) {
            TextColumn.Builder builder = TextColumn.builder(field, expectedSize);
            return new Labels(field, index, kind, source, builder::add, builder::build);
        }

        @Override
        void read(ResultSet rows, long row) throws SQLException {
            String value = label(rows);
            if (value == null) {
                missing(row);
            }
            add.accept(value);
        }

        @Override
        Column build() {
            return build.get();
        }
    }

    static final class Bool extends JdbcColumn {
        private final BooleanColumn.Builder builder;

        Bool(Field field, int index, SqlKind kind, String source, int expectedSize) {
            super(field, index, kind, source);
            builder = BooleanColumn.builder(field, expectedSize);
        }

        @Override
        void read(ResultSet rows, long row) throws SQLException {
            Boolean value;
            if (kind == SqlKind.TEXT) {
                String text = rows.getString(index);
                value = text == null ? null : CellParsers.parseBoolean(text);
                if (text != null && value == null) {
                    throw bad(row, text, "is not a boolean (true or false)");
                }
            } else {
                boolean bool = rows.getBoolean(index);
                value = rows.wasNull() ? null : bool;
            }
            if (value == null) {
                missing(row);
                builder.addMissing();
            } else {
                builder.add(value);
            }
        }

        @Override
        Column build() {
            return builder.build();
        }
    }

    static final class Timestamp extends JdbcColumn {
        private final TimestampColumn.Builder builder;

        Timestamp(Field field, int index, SqlKind kind, String source, int expectedSize) {
            super(field, index, kind, source);
            builder = TimestampColumn.builder(field, expectedSize);
        }

        @Override
        void read(ResultSet rows, long row) throws SQLException {
            Object value = switch (kind) {
                case DATE -> rows.getObject(index, LocalDate.class);
                case TIMESTAMP -> rows.getObject(index, LocalDateTime.class);
                case TIMESTAMP_TZ -> rows.getObject(index, OffsetDateTime.class);
                case TEXT -> rows.getString(index);
                default -> throw new IllegalStateException(kind + " is not read as timestamps");
            };
            if (value == null) {
                missing(row);
                builder.addMissing();
                return;
            }
            Instant instant = instant(value, row);
            try {
                builder.add(instant);
            } catch (IllegalArgumentException beyondMicros) {
                throw bad(row, value.toString(), "is not a timestamp at microsecond precision or coarser within"
                        + " the range of a timestamp column (PostgreSQL's infinity reads as the latest date and time"
                        + " there is); filter or replace it in the query");
            }
        }

        private Instant instant(Object value, long row) {
            try {
                // a date is the start of its day, and a time without a zone is read in UTC
                if (value instanceof LocalDate date) {
                    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                if (value instanceof LocalDateTime time) {
                    return time.toInstant(ZoneOffset.UTC);
                }
                if (value instanceof OffsetDateTime time) {
                    return time.toInstant();
                }
            } catch (DateTimeException beyondInstants) {
                throw bad(row, value.toString(), "is beyond the range of an instant");
            }
            Instant parsed = CellParsers.parseTimestamp((String) value, ZoneOffset.UTC);
            if (parsed == null) {
                throw bad(row, (String) value, "is not an ISO-8601 date or timestamp at microsecond precision or"
                        + " coarser");
            }
            return parsed;
        }

        @Override
        Column build() {
            return builder.build();
        }
    }
}

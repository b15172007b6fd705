package dev.mlops.core.data.internal;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.TimestampColumn;
import dev.mlops.core.internal.NumberLiteral;
import dev.mlops.core.internal.NumberText;
import java.time.Instant;

/**
 * Receives one column's raw fields, parses them into a typed builder. Two steps per record,
 * {@link #stage} then {@link #commit}, so a record whose later field fails leaves every column as
 * it was.
 */
public abstract class ColumnSink {

    final Field field;
    final MissingTokens missing;

    ColumnSink(Field field, MissingTokens missing) {
        this.field = field;
        this.missing = missing;
    }

    /** A sink for a field of known type. */
    public static ColumnSink of(Field field, CellRules rules, int expectedSize) {
        MissingTokens missing = rules.missing();
        return switch (field.type()) {
            case NUMERIC -> new Numeric(field, rules, expectedSize);
            case CATEGORICAL -> new Categorical(field, missing, expectedSize);
            case BOOLEAN -> new Bool(field, missing, expectedSize);
            case TIMESTAMP -> new Timestamp(field, rules, expectedSize);
            case TEXT -> new Text(field, missing, expectedSize);
        };
    }

    /**
     * A sink for a column whose type was inferred: as {@link #of}, except that a numeric column
     * refuses values written like codes ({@link TypeGuess#isCode}) met after the inference sample, so
     * the read widens the column instead of dropping their leading zeros.
     */
    public static ColumnSink inferred(Field field, CellRules rules, int expectedSize) {
        return field.type() == dev.mlops.api.FieldType.NUMERIC ? new Numeric(field, rules, expectedSize, true)
                : of(field, rules, expectedSize);
    }

    /** A sink for a column whose type the first non-missing value will decide. */
    public static ColumnSink deferred(String name, CellRules rules, int expectedSize) {
        return new DeferredSink(Field.categorical(name), rules, expectedSize);
    }

    /** The type of values this sink currently accepts. */
    public FieldType type() {
        return field.type();
    }

    /**
     * Parses {@code raw} (null for an unquoted empty field) and holds it until {@link #commit()}.
     *
     * @return null when accepted, otherwise why not ("is not a number", ...)
     */
    public abstract String stage(String raw);

    /** Appends the staged value. */
    public abstract void commit();

    /** Appends a missing value directly, without staging. */
    public abstract void commitMissing();

    /** The column; the sink must not be used afterwards. */
    public abstract Column build();

    final String missingProblem() {
        return field.nullable() ? null : "is missing but the column is required";
    }

    static final class Numeric extends ColumnSink {
        private final NumericColumn.Builder builder;
        private final CellRules rules;
        private boolean pendingMissing;
        private double pending;
        /** The staged literal when it was rounded, else null. */
        private NumberLiteral pendingRounded;
        private String pendingText;

        /** Whether values written like codes are refused: so in inferred columns, which they would widen. */
        private final boolean refuseCodes;

        Numeric(Field field, CellRules rules, int expectedSize) {
            this(field, rules, expectedSize, false);
        }

        Numeric(Field field, CellRules rules, int expectedSize, boolean refuseCodes) {
            super(field, rules.missing());
            this.rules = rules;
            this.refuseCodes = refuseCodes;
            builder = NumericColumn.builder(field, expectedSize);
        }

        @Override
        public String stage(String raw) {
            if (missing.isMissing(raw)) {
                pendingMissing = true;
                pendingRounded = null;
                return missingProblem();
            }
            String text = MissingTokens.text(raw);
            if (refuseCodes && TypeGuess.isCode(text)) {
                return "has a leading zero, so it is a code, not a number";
            }
            NumberLiteral literal = NumberLiteral.read(text);
            if (!rules.accepts(literal)) {
                return literal.roundable() ? NumberText.problem(literal) + "; read the column as categorical"
                        + " to keep its text, or round such numbers with inexactNumbers(InexactNumbers.ROUND)"
                        : NumberText.problem(text);
            }
            pendingMissing = false;
            pending = literal.value();
            pendingRounded = literal.kind() == NumberLiteral.Kind.HELD ? null : literal;
            pendingText = text;
            return null;
        }

        @Override
        public void commit() {
            if (pendingMissing) {
                builder.addMissing();
                return;
            }
            builder.add(pending);
            if (pendingRounded != null) {
                rules.rounding().rounded(field.name(), pendingText, pendingRounded);
            }
        }

        @Override
        public void commitMissing() {
            builder.addMissing();
        }

        @Override
        public Column build() {
            return builder.build();
        }
    }

    static final class Categorical extends ColumnSink {
        private final CategoricalColumn.Builder builder;
        private String pending;

        Categorical(Field field, MissingTokens missing, int expectedSize) {
            super(field, missing);
            builder = CategoricalColumn.builder(field, expectedSize);
        }

        @Override
        public String stage(String raw) {
            if (missing.isMissing(raw)) {
                pending = null;
                return missingProblem();
            }
            pending = MissingTokens.text(raw);
            return null;
        }

        @Override
        public void commit() {
            builder.add(pending);
        }

        @Override
        public void commitMissing() {
            builder.add(null);
        }

        @Override
        public Column build() {
            return builder.build();
        }
    }

    static final class Text extends ColumnSink {
        private final TextColumn.Builder builder;
        private String pending;

        Text(Field field, MissingTokens missing, int expectedSize) {
            super(field, missing);
            builder = TextColumn.builder(field, expectedSize);
        }

        @Override
        public String stage(String raw) {
            if (missing.isMissing(raw)) {
                pending = null;
                return missingProblem();
            }
            pending = MissingTokens.text(raw);
            return null;
        }

        @Override
        public void commit() {
            builder.add(pending);
        }

        @Override
        public void commitMissing() {
            builder.add(null);
        }

        @Override
        public Column build() {
            return builder.build();
        }
    }

    static final class Bool extends ColumnSink {
        private final BooleanColumn.Builder builder;
        private Boolean pending;

        Bool(Field field, MissingTokens missing, int expectedSize) {
            super(field, missing);
            builder = BooleanColumn.builder(field, expectedSize);
        }

        @Override
        public String stage(String raw) {
            if (missing.isMissing(raw)) {
                pending = null;
                return missingProblem();
            }
            Boolean value = CellParsers.parseBoolean(MissingTokens.text(raw));
            if (value == null) {
                return "is not a boolean (true or false)";
            }
            pending = value;
            return null;
        }

        @Override
        public void commit() {
            if (pending == null) {
                builder.addMissing();
            } else {
                builder.add(pending);
            }
        }

        @Override
        public void commitMissing() {
            builder.addMissing();
        }

        @Override
        public Column build() {
            return builder.build();
        }
    }

    static final class Timestamp extends ColumnSink {
        private final TimestampColumn.Builder builder;
        private final CellRules rules;
        private Instant pending;

        Timestamp(Field field, CellRules rules, int expectedSize) {
            super(field, rules.missing());
            this.rules = rules;
            builder = TimestampColumn.builder(field, expectedSize);
        }

        @Override
        public String stage(String raw) {
            if (missing.isMissing(raw)) {
                pending = null;
                return missingProblem();
            }
            Instant value = rules.timestamp(field.name(), MissingTokens.text(raw));
            if (value == null) {
                return rules.timestampProblem(field.name());
            }
            pending = value;
            return null;
        }

        @Override
        public void commit() {
            if (pending == null) {
                builder.addMissing();
            } else {
                builder.add(pending);
            }
        }

        @Override
        public void commitMissing() {
            builder.addMissing();
        }

        @Override
        public Column build() {
            return builder.build();
        }
    }
}

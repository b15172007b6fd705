package dev.mlops.api;

import java.time.Instant;

/** Appends normalized values of any kind to the typed builder for one field. */
final class ColumnAppender {

    private final Field field;
    private final NumericColumn.Builder numeric;
    private final CategoricalColumn.Builder categorical;
    private final BooleanColumn.Builder bool;
    private final TimestampColumn.Builder timestamp;
    private final TextColumn.Builder text;

    ColumnAppender(Field field, int expectedSize) {
        this.field = field;
        FieldType type = field.type();
        numeric = type == FieldType.NUMERIC ? NumericColumn.builder(field, expectedSize) : null;
        categorical = type == FieldType.CATEGORICAL ? CategoricalColumn.builder(field, expectedSize) : null;
        bool = type == FieldType.BOOLEAN ? BooleanColumn.builder(field, expectedSize) : null;
        timestamp = type == FieldType.TIMESTAMP ? TimestampColumn.builder(field, expectedSize) : null;
        text = type == FieldType.TEXT ? TextColumn.builder(field, expectedSize) : null;
    }

    Field field() {
        return field;
    }

    /**
     * Why {@code normalized} cannot be appended, or null when it can. Checked before appending so a
     * row with problems leaves every builder untouched.
     */
    String problem(Object normalized) {
        if (normalized == null) {
            return field.nullable() ? null : "is required but missing";
        }
        if (!Values.fits(field.type(), normalized)) {
            return "expected " + field.type() + " but got " + Values.kind(normalized) + " (" + normalized + ")";
        }
        if (normalized instanceof Instant instant) {
            try {
                TimestampColumn.toEpochMicros(instant); // finer than a microsecond, or beyond its range
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /** Appends a value that {@link #problem(Object)} accepted. */
    void append(Object normalized) {
        switch (field.type()) {
            case NUMERIC -> {
                if (normalized == null) {
                    numeric.addMissing();
                } else {
                    numeric.add((Double) normalized);
                }
            }
            case CATEGORICAL -> categorical.add((String) normalized);
            case BOOLEAN -> {
                if (normalized == null) {
                    bool.addMissing();
                } else {
                    bool.add((Boolean) normalized);
                }
            }
            case TIMESTAMP -> {
                if (normalized == null) {
                    timestamp.addMissing();
                } else {
                    timestamp.add((Instant) normalized);
                }
            }
            case TEXT -> text.add((String) normalized);
        }
    }

    Column build() {
        return switch (field.type()) {
            case NUMERIC -> numeric.build();
            case CATEGORICAL -> categorical.build();
            case BOOLEAN -> bool.build();
            case TIMESTAMP -> timestamp.build();
            case TEXT -> text.build();
        };
    }
}

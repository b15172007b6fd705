package dev.mlops.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A column of free text, one string per row without a dictionary; {@code null} marks a missing
 * value. Use {@link CategoricalColumn} for labels that repeat.
 *
 * @since 0.1
 */
public final class TextColumn extends BaseColumn implements Column {

    private final String[] values;

    TextColumn(Field field, String[] values, int offset, int size) {
        super(field, FieldType.TEXT, offset, size);
        this.values = values;
        checkNullability();
    }

    /** A nullable column of the given strings; {@code null} marks a missing value. The array is copied. */
    public static TextColumn of(String name, String... values) {
        return new TextColumn(Field.text(name), values.clone(), 0, values.length);
    }

    /**
     * A builder for a column of the given text field, with room for {@code expectedSize} values.
     *
     * @throws IllegalArgumentException if the field is not text or {@code expectedSize} is negative
     */
    public static Builder builder(Field field, int expectedSize) {
        return new Builder(field, expectedSize);
    }

    /** The text at {@code row}, or {@code null} when missing. */
    public String value(int row) {
        return values[index(row)];
    }

    @Override
    public String get(int row) {
        return value(row);
    }

    @Override
    public boolean isMissing(int row) {
        return values[index(row)] == null;
    }

    @Override
    int countMissing() {
        int count = 0;
        for (int i = offset; i < offset + size; i++) {
            if (values[i] == null) {
                count++;
            }
        }
        return count;
    }

    @Override
    public TextColumn slice(int from, int to) {
        checkRange(from, to, size);
        return new TextColumn(field, values, offset + from, to - from);
    }

    @Override
    public TextColumn take(int[] rows) {
        String[] taken = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            taken[i] = values[index(rows[i])];
        }
        return new TextColumn(field, taken, 0, taken.length);
    }

    @Override
    public TextColumn withField(Field newField) {
        checkFieldChange(field, newField);
        return new TextColumn(newField, values, offset, size);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextColumn other) || !field.equals(other.field) || size != other.size) {
            return false;
        }
        for (int row = 0; row < size; row++) {
            if (!Objects.equals(value(row), other.value(row))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hashCells(this);
    }

    /** Appends strings one at a time. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final Field field;
        private String[] values;
        private int size;

        private Builder(Field field, int expectedSize) {
            if (field.type() != FieldType.TEXT) {
                throw new IllegalArgumentException("field '" + field.name() + "' is not text");
            }
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
            }
            this.field = field;
            this.values = new String[Math.max(expectedSize, 8)];
        }

        /** Appends a string; {@code null} appends a missing value. */
        public Builder add(String value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length + (values.length >> 1));
            }
            values[size++] = value;
            return this;
        }

        /** The number of values appended so far. */
        public int size() {
            return size;
        }

        /**
         * The column; the builder must not be used afterwards.
         *
         * @throws IllegalArgumentException if the field is required and a missing value was appended
         */
        public TextColumn build() {
            String[] exact = size == values.length ? values : Arrays.copyOf(values, size);
            values = null;
            return new TextColumn(field, exact, 0, size);
        }
    }
}

package dev.mlops.api;

import java.util.Arrays;

/**
 * A column of {@code true}/{@code false} values, one byte per row, with missing values marked.
 *
 * @since 0.1
 */
public final class BooleanColumn extends BaseColumn implements Column {

    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte MISSING = -1;

    private final byte[] values;

    BooleanColumn(Field field, byte[] values, int offset, int size) {
        super(field, FieldType.BOOLEAN, offset, size);
        this.values = values;
        checkNullability();
    }

    /** A nullable column of the given values; {@code null} marks a missing value. */
    public static BooleanColumn of(String name, Boolean... values) {
        Builder builder = new Builder(Field.bool(name), values.length);
        for (Boolean value : values) {
            if (value == null) {
                builder.addMissing();
            } else {
                builder.add(value);
            }
        }
        return builder.build();
    }

    /**
     * A builder for a column of the given boolean field, with room for {@code expectedSize} values.
     *
     * @throws IllegalArgumentException if the field is not boolean or {@code expectedSize} is negative
     */
    public static Builder builder(Field field, int expectedSize) {
        return new Builder(field, expectedSize);
    }

    /** The value at {@code row}; {@code false} when missing, so check {@link #isMissing(int)} where that matters. */
    public boolean value(int row) {
        return values[index(row)] == TRUE;
    }

    @Override
    public Boolean get(int row) {
        byte value = values[index(row)];
        return value == MISSING ? null : value == TRUE;
    }

    @Override
    public boolean isMissing(int row) {
        return values[index(row)] == MISSING;
    }

    @Override
    int countMissing() {
        int count = 0;
        for (int i = offset; i < offset + size; i++) {
            if (values[i] == MISSING) {
                count++;
            }
        }
        return count;
    }

    @Override
    public BooleanColumn slice(int from, int to) {
        checkRange(from, to, size);
        return new BooleanColumn(field, values, offset + from, to - from);
    }

    @Override
    public BooleanColumn take(int[] rows) {
        byte[] taken = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            taken[i] = values[index(rows[i])];
        }
        return new BooleanColumn(field, taken, 0, taken.length);
    }

    @Override
    public BooleanColumn withField(Field newField) {
        checkFieldChange(field, newField);
        return new BooleanColumn(newField, values, offset, size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BooleanColumn other && field.equals(other.field) && size == other.size
                && Arrays.equals(values, offset, offset + size, other.values, other.offset, other.offset + size);
    }

    @Override
    public int hashCode() {
        return hashCells(this);
    }

    /** Appends values one at a time. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final Field field;
        private byte[] values;
        private int size;

        private Builder(Field field, int expectedSize) {
            if (field.type() != FieldType.BOOLEAN) {
                throw new IllegalArgumentException("field '" + field.name() + "' is not boolean");
            }
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
            }
            this.field = field;
            this.values = new byte[Math.max(expectedSize, 8)];
        }

        public Builder add(boolean value) {
            return append(value ? TRUE : FALSE);
        }

        public Builder addMissing() {
            return append(MISSING);
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
        public BooleanColumn build() {
            byte[] exact = size == values.length ? values : Arrays.copyOf(values, size);
            values = null;
            return new BooleanColumn(field, exact, 0, size);
        }

        private Builder append(byte value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length + (values.length >> 1));
            }
            values[size++] = value;
            return this;
        }
    }
}

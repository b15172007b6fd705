package dev.mlops.api;

import java.time.Instant;
import java.util.Arrays;

/**
 * A column of instants, stored as {@code long} microseconds since 1970-01-01T00:00:00Z, with an
 * explicit missing-value mask. Microsecond precision covers every instant within about 290,000
 * years of the epoch; finer instants are refused rather than rounded.
 *
 * @since 0.1
 */
public final class TimestampColumn extends BaseColumn implements Column {

    private final long[] micros;
    private final long[] missing;

    TimestampColumn(Field field, long[] micros, long[] missing, int offset, int size) {
        super(field, FieldType.TIMESTAMP, offset, size);
        this.micros = micros;
        this.missing = missing;
        checkNullability();
    }

    /**
     * A nullable column of the given instants; {@code null} marks a missing value.
     *
     * @throws IllegalArgumentException if {@code name} is empty, or an instant has a fraction finer than a
     *         microsecond or is out of range
     */
    public static TimestampColumn of(String name, Instant... instants) {
        Builder builder = new Builder(Field.timestamp(name), instants.length);
        for (Instant instant : instants) {
            if (instant == null) {
                builder.addMissing();
            } else {
                builder.add(instant);
            }
        }
        return builder.build();
    }

    /**
     * A builder for a column of the given timestamp field, with room for {@code expectedSize} values.
     *
     * @throws IllegalArgumentException if the field is not a timestamp field or {@code expectedSize} is negative
     */
    public static Builder builder(Field field, int expectedSize) {
        return new Builder(field, expectedSize);
    }

    /**
     * Microseconds since the epoch of {@code instant}.
     *
     * @throws IllegalArgumentException if the instant has a fraction finer than a microsecond, or is out of range
     */
    public static long toEpochMicros(Instant instant) {
        if (instant.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("timestamp " + instant + " is finer than a microsecond");
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp " + instant + " is out of range for microseconds", e);
        }
    }

    /** The instant {@code micros} microseconds after the epoch. */
    public static Instant fromEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Microseconds since the epoch at {@code row}; 0 when missing, so check {@link #isMissing(int)}. */
    public long epochMicros(int row) {
        return micros[index(row)];
    }

    /** The instant at {@code row}, or {@code null} when missing. */
    public Instant value(int row) {
        return isMissing(row) ? null : fromEpochMicros(micros[offset + row]);
    }

    @Override
    public Instant get(int row) {
        return value(row);
    }

    @Override
    public boolean isMissing(int row) {
        int index = index(row);
        return missing != null && Bits.get(missing, index);
    }

    @Override
    int countMissing() {
        return missing == null ? 0 : Bits.count(missing, offset, offset + size);
    }

    @Override
    public TimestampColumn slice(int from, int to) {
        checkRange(from, to, size);
        return new TimestampColumn(field, micros, missing, offset + from, to - from);
    }

    @Override
    public TimestampColumn take(int[] rows) {
        Builder builder = new Builder(field, rows.length);
        for (int row : rows) {
            if (isMissing(row)) {
                builder.addMissing();
            } else {
                builder.addMicros(micros[offset + row]);
            }
        }
        return builder.build();
    }

    @Override
    public TimestampColumn withField(Field newField) {
        checkFieldChange(field, newField);
        return new TimestampColumn(newField, micros, missing, offset, size);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TimestampColumn other) || !field.equals(other.field) || size != other.size) {
            return false;
        }
        for (int row = 0; row < size; row++) {
            boolean miss = isMissing(row);
            if (miss != other.isMissing(row) || !miss && epochMicros(row) != other.epochMicros(row)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hashCells(this);
    }

    /** Appends instants one at a time. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final Field field;
        private long[] micros;
        private long[] missing;
        private int size;

        private Builder(Field field, int expectedSize) {
            if (field.type() != FieldType.TIMESTAMP) {
                throw new IllegalArgumentException("field '" + field.name() + "' is not a timestamp");
            }
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
            }
            this.field = field;
            this.micros = new long[Math.max(expectedSize, 8)];
        }

        /**
         * Appends an instant; see {@link TimestampColumn#toEpochMicros(Instant)} for what is refused.
         *
         * @throws IllegalArgumentException if the instant has a fraction finer than a microsecond, or is out of range
         */
        public Builder add(Instant instant) {
            return addMicros(toEpochMicros(instant));
        }

        /** Appends an instant given as microseconds since the epoch. */
        public Builder addMicros(long epochMicros) {
            if (size == micros.length) {
                grow();
            }
            micros[size++] = epochMicros;
            return this;
        }

        public Builder addMissing() {
            if (size == micros.length) {
                grow();
            }
            if (missing == null) {
                missing = Bits.words(micros.length);
            }
            Bits.set(missing, size++);
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
        public TimestampColumn build() {
            long[] exact = size == micros.length ? micros : Arrays.copyOf(micros, size);
            long[] mask = missing == null ? null : Arrays.copyOf(missing, (size + 63) >>> 6);
            micros = null;
            return new TimestampColumn(field, exact, mask, 0, size);
        }

        private void grow() {
            int capacity = micros.length + (micros.length >> 1);
            micros = Arrays.copyOf(micros, capacity);
            if (missing != null) {
                missing = Arrays.copyOf(missing, (capacity + 63) >>> 6);
            }
        }
    }
}

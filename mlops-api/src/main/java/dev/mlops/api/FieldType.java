package dev.mlops.api;

import java.util.Locale;

/**
 * The kind of values a {@link Field} holds, and so how its {@link Column} stores them.
 *
 * @since 0.1
 */
public enum FieldType {
    /** Real numbers as {@code double}; NaN and infinities are values, distinct from missing. */
    NUMERIC,
    /** A small set of labels, dictionary-encoded as {@code int} codes. */
    CATEGORICAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An instant on the UTC time line, stored as microseconds since the epoch. */
    TIMESTAMP,
    /** Free text, stored as strings without a dictionary. */
    TEXT;

    /** The name used in the JSON form of a schema: the constant's name in lower case. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a column of this type holds {@code value}, a non-null value as {@link Features} stores
     * it (numbers as {@code Double}, labels as {@code String}, {@code Boolean}, {@code Instant}).
     */
    public boolean accepts(Object value) {
        return value != null && Values.fits(this, value);
    }

    /**
     * The type whose {@link #jsonName()} is {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException if no type has that name
     */
    public static FieldType fromJsonName(String name) {
        for (FieldType type : values()) {
            if (type.jsonName().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(FieldType::jsonName).toList());
    }
}

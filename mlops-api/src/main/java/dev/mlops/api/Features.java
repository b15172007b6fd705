package dev.mlops.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One input row for prediction: named values in the order given. Immutable.
 *
 * <p>Values are normalized as they come in: any {@link Number} becomes a {@link Double} (an integer
 * a double cannot hold exactly is refused), strings, characters and enums become {@link String}s,
 * {@code java.time} values and {@link java.util.Date} become {@link Instant}s (local ones taken as
 * UTC). {@code null} is a missing value, which is different from an absent name.
 *
 * <pre>{@code
 * Features f = Features.of("sepal_length", 5.1, "species_hint", "setosa", "petal_width", null);
 * }</pre>
 *
 * @since 0.1
 */
public final class Features {

    private static final Features EMPTY = new Features(Map.of());

    private final Map<String, Object> values;

    private Features(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Features from alternating names and values: {@code of("a", 1.0, "b", "x")}.
     *
     * @throws IllegalArgumentException if the count is odd, a name is not a string or repeats, or a value
     *                                  has no exact normalized form
     */
    public static Features of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Features.of takes names and values in pairs; got "
                    + namesAndValues.length + " arguments");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("argument " + i + " should be a feature name but is "
                        + namesAndValues[i]);
            }
            builder.putNew(name, namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /**
     * Features from a map, in its iteration order; {@code null} values are missing values.
     *
     * @throws IllegalArgumentException if a value has no exact normalized form (an unsupported type, or an
     *         integer a double cannot hold)
     */
    public static Features of(Map<String, ?> values) {
        Builder builder = builder();
        values.forEach(builder::putNew);
        return builder.build();
    }

    /** No features. */
    public static Features empty() {
        return EMPTY;
    }

    /** A builder; setting a name twice keeps the last value. */
    public static Builder builder() {
        return new Builder();
    }

    /** The names, in order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The number of names. */
    public int size() {
        return values.size();
    }

    /** Whether {@code name} is present (possibly with a missing value). */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /**
     * Whether {@code name} is present with a missing value.
     *
     * @throws IllegalArgumentException if the name is absent
     */
    public boolean isMissing(String name) {
        return require(name) == null;
    }

    /**
     * The normalized value of {@code name}, or {@code null} when it is missing.
     *
     * @throws IllegalArgumentException if the name is absent
     */
    public Object get(String name) {
        return require(name);
    }

    /**
     * The number under {@code name}.
     *
     * @throws IllegalArgumentException if the name is absent, its value is missing, or it is not a number
     */
    public double number(String name) {
        return typed(name, Double.class);
    }

    /**
     * The string under {@code name}.
     *
     * @throws IllegalArgumentException if the name is absent, its value is missing, or it is not a string
     */
    public String string(String name) {
        return typed(name, String.class);
    }

    /**
     * The boolean under {@code name}.
     *
     * @throws IllegalArgumentException if the name is absent, its value is missing, or it is not a boolean
     */
    public boolean bool(String name) {
        return typed(name, Boolean.class);
    }

    /**
     * The instant under {@code name}.
     *
     * @throws IllegalArgumentException if the name is absent, its value is missing, or it is not a timestamp
     */
    public Instant timestamp(String name) {
        return typed(name, Instant.class);
    }

    /** The names and normalized values, in order; unmodifiable, with nulls for missing values. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** A builder starting from these features. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Features" + values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null && !values.containsKey(name)) {
            throw new IllegalArgumentException("no feature '" + name + "'; features are " + values.keySet());
        }
        return value;
    }

    private <T> T typed(String name, Class<T> type) {
        Object value = require(name);
        if (value == null) {
            throw new IllegalArgumentException("feature '" + name + "' is missing");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("feature '" + name + "' is " + Values.kind(value) + " (" + value
                    + "), not " + Values.kindOf(type));
        }
        return type.cast(value);
    }

    /** Collects named values; not thread-safe. */
    public static final class Builder {
        private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets {@code name} to {@code value} ({@code null} for missing), replacing any earlier value.
         *
         * @throws IllegalArgumentException if the value has no exact normalized form
         */
        public Builder set(String name, Object value) {
            Objects.requireNonNull(name, "feature name");
            values.put(name, Values.normalize(value));
            return this;
        }

        /** Sets {@code name} to a number. */
        public Builder set(String name, double value) {
            Objects.requireNonNull(name, "feature name");
            values.put(name, value);
            return this;
        }

        /** Sets {@code name} to a missing value. */
        public Builder missing(String name) {
            return set(name, null);
        }

        /** Removes {@code name}. */
        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public Features build() {
            return new Features(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }

        private void putNew(String name, Object value) {
            Objects.requireNonNull(name, "feature name");
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("feature '" + name + "' is given twice");
            }
            set(name, value);
        }
    }
}

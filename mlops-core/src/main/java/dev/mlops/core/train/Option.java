package dev.mlops.core.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One hyperparameter of an algorithm: its name, type, documented default and allowed range. The
 * map form of a trainer ({@link AlgorithmTrainer#with(java.util.Map)}, used by tuning) converts and
 * checks values through it, so a wrong name, type or range is a clear error, never a silent default.
 *
 * @param name        the name used in maps, tracking and tuning spaces
 * @param type        {@code Integer}, {@code Double}, {@code Boolean}, {@code String} or an enum
 * @param defaultValue the value used when none is set
 * @param min         the smallest allowed number (inclusive), or null
 * @param max         the largest allowed number (inclusive), or null
 * @param description what it controls
 * @param <V>         the value type
 * @since 0.1
 */
public record Option<V>(String name, Class<V> type, V defaultValue, Double min, Double max, String description) {

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "default of " + name);
        Objects.requireNonNull(description, "description");
    }

    /** An integer option within [min, max]. */
    public static Option<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Option<>(name, Integer.class, defaultValue, (double) min, (double) max, description);
    }

    /** A real option within [min, max]. */
    public static Option<Double> real(String name, double defaultValue, double min, double max, String description) {
        return new Option<>(name, Double.class, defaultValue, min, max, description);
    }

    /** A boolean option. */
    public static Option<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Option<>(name, Boolean.class, defaultValue, null, null, description);
    }

    /** An option taking one constant of an enum. */
    public static <E extends Enum<E>> Option<E> choice(String name, E defaultValue, String description) {
        return new Option<>(name, defaultValue.getDeclaringClass(), defaultValue, null, null, description);
    }

    /**
     * {@code value} converted to this option's type and checked against its range.
     *
     * @throws IllegalArgumentException naming the option, the value and what is allowed
     */
    public V convert(Object value) {
        if (value == null) {
            throw problem(null, "must not be null");
        }
        Object converted;
        if (type == Integer.class) {
            converted = toInteger(value);
        } else if (type == Double.class) {
            converted = toDouble(value);
        } else if (type == Boolean.class) {
            converted = toBoolean(value);
        } else if (type.isEnum()) {
            converted = toConstant(value);
        } else {
            converted = value;
        }
        if (!type.isInstance(converted)) {
            throw problem(value, "must be " + type.getSimpleName());
        }
        if (converted instanceof Number number) {
            double v = number.doubleValue();
            if (Double.isNaN(v) || (min != null && v < min) || (max != null && v > max)) {
                throw problem(value, "must be in [" + format(min) + ", " + format(max) + "]");
            }
        }
        return type.cast(converted);
    }

    /** The value as text for tracking: numbers plainly, enums by name. */
    public String text(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private Object toInteger(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            if (v != (int) v) {
                throw problem(value, "is too large for an integer");
            }
            return (int) v;
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw problem(value, "must be a whole number");
            }
            return (int) v;
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw problem(value, "must be a whole number");
            }
        }
        return value;
    }

    private Object toDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw problem(value, "must be a number");
            }
        }
        return value;
    }

    private Object toBoolean(Object value) {
        if (value instanceof String text) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw problem(value, "must be true or false");
        }
        return value;
    }

    private Object toConstant(Object value) {
        if (type.isInstance(value)) {
            return value;
        }
        String text = value.toString().trim();
        for (V constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text.replace('-', '_'))) {
                return constant;
            }
        }
        throw problem(value, "must be one of " + Arrays.stream(type.getEnumConstants()).map(this::text).toList());
    }

    private IllegalArgumentException problem(Object value, String reason) {
        return new IllegalArgumentException("hyperparameter '" + name + "' = " + value + " " + reason);
    }

    private static String format(Double bound) {
        if (bound == null) {
            return "…";
        }
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString(bound.longValue())
                : bound.toString();
    }
}

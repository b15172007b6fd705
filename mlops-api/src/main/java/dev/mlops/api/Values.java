package dev.mlops.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * Normalizes the Java values applications hand to the SDK into the four kinds a cell holds:
 * {@link Double}, {@link String}, {@link Boolean} and {@link Instant}. Nothing is rounded silently:
 * an integer a double cannot hold exactly is refused.
 */
final class Values {

    private Values() {
    }

    /**
     * The normalized value, or null for null.
     *
     * @throws IllegalArgumentException saying why, if the value has no exact normalized form
     */
    static Object normalize(Object value) {
        if (value == null || value instanceof Double || value instanceof String || value instanceof Boolean
                || value instanceof Instant) {
            return value;
        }
        if (value instanceof Number number) {
            return toDouble(number);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
                + "; use a number, string, boolean, enum or java.time value");
    }

    /** The kind of a normalized value, for messages. */
    static String kind(Object normalized) {
        return kindOf(normalized.getClass());
    }

    /** The kind of values of a normalized class, for messages. */
    static String kindOf(Class<?> normalizedClass) {
        if (normalizedClass == Double.class) {
            return "a number";
        }
        if (normalizedClass == String.class) {
            return "a string";
        }
        if (normalizedClass == Boolean.class) {
            return "a boolean";
        }
        return "a timestamp";
    }

    /** Whether a column of {@code type} can hold a normalized {@code value}. */
    static boolean fits(FieldType type, Object normalized) {
        return switch (type) {
            case NUMERIC -> normalized instanceof Double;
            case CATEGORICAL, TEXT -> normalized instanceof String;
            case BOOLEAN -> normalized instanceof Boolean;
            case TIMESTAMP -> normalized instanceof Instant;
        };
    }

    /** The field type a normalized value suggests. */
    static FieldType typeOf(Object normalized) {
        if (normalized instanceof Double) {
            return FieldType.NUMERIC;
        }
        if (normalized instanceof Boolean) {
            return FieldType.BOOLEAN;
        }
        if (normalized instanceof Instant) {
            return FieldType.TIMESTAMP;
        }
        return FieldType.CATEGORICAL;
    }

    private static Double toDouble(Number number) {
        if (number instanceof Float || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.doubleValue();
        }
        if (number instanceof Long l) {
            double d = l;
            if (d >= 0x1p63 || (long) d != l) {
                throw new IllegalArgumentException("the integer " + l + " cannot be held exactly by a double");
            }
            return d;
        }
        if (number instanceof BigInteger big) {
            double d = big.doubleValue();
            if (Double.isInfinite(d) || new BigDecimal(big).compareTo(new BigDecimal(d)) != 0) {
                throw new IllegalArgumentException("the integer " + big + " cannot be held exactly by a double");
            }
            return d;
        }
        if (number instanceof BigDecimal big) {
            double d = big.doubleValue();
            if (Double.isInfinite(d)) {
                throw new IllegalArgumentException("the number " + big + " is beyond the range of a double");
            }
            return d;
        }
        return number.doubleValue();
    }
}

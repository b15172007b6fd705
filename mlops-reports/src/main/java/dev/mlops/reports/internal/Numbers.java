package dev.mlops.reports.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How a report shows a number, and how it keeps the exact value beside it: every shown number
 * carries {@link #exact} in a {@code data-value} attribute, so a reader (or a test) can take the
 * number the result holds without parsing the rounded text.
 */
public final class Numbers {

    private Numbers() {
    }

    /** The value as Java writes a double: it parses back to the same double. */
    public static String exact(double value) {
        return Double.toString(value);
    }

    /**
     * The value for people: whole numbers with thousands separators, others with four significant
     * digits (scientific notation below 0.0001 or from a million), NaN as {@code NaN}, infinities as
     * {@code ∞} and {@code -∞}.
     */
    public static String display(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "\u221e" : "-\u221e";
        }
        double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        if (magnitude >= 1e-4 && magnitude < 1e6) {
            return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }

    /** A count with thousands separators. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A share as a percentage with one decimal, such as {@code 12.5%}. */
    public static String percent(double share) {
        return Double.isNaN(share) ? "NaN" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}

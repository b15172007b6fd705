package dev.mlops.core.internal;

import java.math.BigDecimal;

/**
 * What a number literal in text denotes, judged by one rule: a double must hold the literal's value
 * without changing it beyond the rounding of its last place.
 *
 * <ul>
 *   <li>The grammar is {@code [+-]digits[.digits][(e|E)[+-]digits]} (either side of the point may be
 *       empty, not both), or {@code NaN}, {@code Infinity}, {@code inf} with an optional sign, in any case.
 *   <li>A literal whose digits are all zero ({@code 0}, {@code -0}, {@code 0.000}, {@code 0e-999}) is an
 *       exact zero, of its sign: {@link Kind#HELD}.
 *   <li>A literal beyond the largest double ({@code 1e999}) is {@link Kind#OUT_OF_RANGE}.
 *   <li>A non-zero literal whose nearest double is 0 or subnormal (below 2<sup>-1022</sup> in magnitude,
 *       where a double keeps fewer than 53 bits) is {@link Kind#UNDERFLOW}: {@code 1e-400},
 *       {@code 4.9e-325}, {@code 2e-310}.
 *   <li>A literal whose value is an integer (no non-zero digit after the units place, whatever its
 *       spelling) must come back from its nearest double to within one unit of its last written digit.
 *       Every integer up to 2<sup>53</sup> does. Beyond, {@code 9007199254740993},
 *       {@code 9007199254740993.0} and {@code 9.007199254740993e15}, whose last written digit is the
 *       units (or a tenth), are {@link Kind#INEXACT_INTEGER}, since the nearest double is
 *       9007199254740992; {@code 1e23}, {@code 6.02214076e23} or {@code 1.0E23} claim no more than their
 *       written digits and are held. (Within one unit rather than half a unit because Java 17's
 *       {@code Double.toString} occasionally prints a last digit one off the nearest, and its output
 *       must read back.)
 *   <li>Any other literal, with non-zero digits after the units place, is a measurement: it is
 *       {@link Kind#HELD} as its nearest double, the usual rounding of the last place.
 * </ul>
 *
 * @param kind  how the literal relates to a double
 * @param value the nearest double for {@link Kind#HELD}, {@link Kind#INEXACT_INTEGER} and
 *              {@link Kind#UNDERFLOW} (0 or a subnormal of the literal's sign); NaN otherwise
 */
public record NumberLiteral(Kind kind, double value) {

    /** How a literal relates to the double nearest it. */
    public enum Kind {
        /** A number a double holds (exactly, or rounded in the last place of a fraction). */
        HELD,
        /** An integer the nearest double changes beyond its last written digit. */
        INEXACT_INTEGER,
        /** A non-zero number whose nearest double is zero or subnormal. */
        UNDERFLOW,
        /** A number beyond the range of a double. */
        OUT_OF_RANGE,
        /** Not a number literal at all. */
        MALFORMED
    }

    /** 2^53: every integer up to it is a double. */
    private static final double EXACT_INTEGERS = 0x1p53;
    private static final NumberLiteral MALFORMED = new NumberLiteral(Kind.MALFORMED, Double.NaN);
    private static final NumberLiteral OUT_OF_RANGE = new NumberLiteral(Kind.OUT_OF_RANGE, Double.NaN);

    /** Whether the reader may read this literal as {@link #value()} when the user opts in to rounding. */
    public boolean roundable() {
        return kind == Kind.INEXACT_INTEGER || kind == Kind.UNDERFLOW;
    }

    /** Reads {@code text} by the rule above. */
    public static NumberLiteral read(String text) {
        int n = text.length();
        int i = 0;
        if (n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            i++;
        }
        int signLength = i;
        int digits = 0;
        boolean nonZero = false;
        while (i < n && isDigit(text.charAt(i))) {
            nonZero |= text.charAt(i) != '0';
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                nonZero |= text.charAt(i) != '0';
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return special(text, signLength);
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return MALFORMED;
            }
        }
        if (i != n) {
            return MALFORMED;
        }
        double value = Double.parseDouble(text);
        if (!nonZero) {
            return new NumberLiteral(Kind.HELD, value);
        }
        double magnitude = Math.abs(value);
        if (Double.isInfinite(magnitude)) {
            return OUT_OF_RANGE;
        }
        if (magnitude < Double.MIN_NORMAL) {
            return new NumberLiteral(Kind.UNDERFLOW, value);
        }
        if (magnitude >= EXACT_INTEGERS && !integerHeld(text, value)) {
            return new NumberLiteral(Kind.INEXACT_INTEGER, value);
        }
        return new NumberLiteral(Kind.HELD, value);
    }

    /** False when the literal is an integer that {@code value} misses by a unit of its last digit or more. */
    private static boolean integerHeld(String text, double value) {
        BigDecimal exact;
        try {
            exact = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return true; // an exponent beyond int: unreachable for a finite value at least 2^53
        }
        if (exact.scale() > 0 && exact.stripTrailingZeros().scale() > 0) {
            return true; // a non-zero fraction: rounding it is the usual rounding of the last place
        }
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-exact.scale());
        return new BigDecimal(value).subtract(exact).abs().compareTo(unit) < 0;
    }

    private static NumberLiteral special(String text, int signLength) {
        String word = text.substring(signLength);
        if (word.equalsIgnoreCase("nan")) {
            return new NumberLiteral(Kind.HELD, Double.NaN);
        }
        if (word.equalsIgnoreCase("infinity") || word.equalsIgnoreCase("inf")) {
            boolean negative = signLength == 1 && text.charAt(0) == '-';
            return new NumberLiteral(Kind.HELD, negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return MALFORMED;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package dev.mlops.core.internal;

import java.math.BigDecimal;

/**
 * Numbers as text, by one rule for every stage that reads or writes them (CSV, preparation,
 * expressions): see {@link NumberLiteral} for the grammar and the rule. Not part of the public API.
 */
public final class NumberText {

    private NumberText() {
    }

    /**
     * The number {@code text} denotes, or {@code null} when it is not a number or a double cannot
     * hold it: see {@link NumberLiteral} for the grammar and the rule.
     */
    public static Double parse(String text) {
        NumberLiteral literal = NumberLiteral.read(text);
        return literal.kind() == NumberLiteral.Kind.HELD ? literal.value() : null;
    }

    /**
     * Text that {@link #parse} reads back as exactly {@code value}, unless the value is
     * {@linkplain #isSubnormal subnormal}: integers below 10^15 without a fraction, other numbers in
     * Java's round-trip form, and {@code NaN}, {@code Infinity}, {@code -Infinity}; -0.0 keeps its sign.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
        if (!negativeZero && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * Whether {@code value} is subnormal: non-zero and below 2^-1022 in magnitude, where a double
     * keeps fewer than 53 bits. No text reads back as one, since {@link NumberLiteral} refuses them.
     */
    public static boolean isSubnormal(double value) {
        return value != 0 && Math.abs(value) < Double.MIN_NORMAL;
    }

    /** Why {@link #parse} refused {@code text}, for error messages. */
    public static String problem(String text) {
        if (!text.isEmpty() && text.strip().length() != text.length()) {
            return "is not a number: it has surrounding spaces (enable trimming to accept them)";
        }
        return problem(NumberLiteral.read(text));
    }

    /** Why a literal of this kind is refused, for error messages; null when it is not. */
    public static String problem(NumberLiteral literal) {
        return switch (literal.kind()) {
            case HELD -> null;
            case MALFORMED -> "is not a number";
            case OUT_OF_RANGE -> "is beyond the range of a double";
            case UNDERFLOW -> literal.value() == 0
                    ? "is too close to zero for a double, which would hold it as 0 (underflow)"
                    : "is too close to zero for a double to hold at full precision (it would be the subnormal "
                    + literal.value() + ")";
            case INEXACT_INTEGER -> "is an integer that a double cannot hold exactly (it would be "
                    + (Math.abs(literal.value()) < 1e21 ? new BigDecimal(literal.value()).toPlainString()
                    : Double.toString(literal.value())) + ")";
        };
    }
}

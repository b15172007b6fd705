package dev.mlops.core.data.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Parses cell text into values, refusing anything that would be coerced: only plain decimal
 * numbers (no hex, no type suffixes, no surrounding spaces) that a double holds by the rule of
 * {@link NumberLiteral}, {@code true}/{@code false}, and ISO-8601 dates and times at microsecond
 * precision or coarser.
 */
public final class CellParsers {

    private CellParsers() {
    }

    /**
     * The number {@code text} denotes, or {@code null} when it is not a number or a double cannot
     * hold it: see {@link NumberLiteral} for the grammar and the rule.
     */
    public static Double parseNumber(String text) {
        NumberLiteral literal = NumberLiteral.read(text);
        return literal.kind() == NumberLiteral.Kind.HELD ? literal.value() : null;
    }

    /**
     * Text that {@link #parseNumber} reads back as exactly {@code value}, unless the value is
     * {@linkplain #isSubnormal subnormal}: integers below 10^15 without a fraction, other numbers in
     * Java's round-trip form, and {@code NaN}, {@code Infinity}, {@code -Infinity}; -0.0 keeps its sign.
     */
    public static String formatNumber(double value) {
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

    /** Why {@link #parseNumber} refused {@code text}, for error messages. */
    public static String numberProblem(String text) {
        if (!text.isEmpty() && text.strip().length() != text.length()) {
            return "is not a number: it has surrounding spaces (enable trimming to accept them)";
        }
        return numberProblem(NumberLiteral.read(text));
    }

    /** Why a literal of this kind is refused, for error messages; null when it is not. */
    public static String numberProblem(NumberLiteral literal) {
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

    /** The boolean {@code text} denotes ({@code true}/{@code false}, ignoring case), or {@code null}. */
    public static Boolean parseBoolean(String text) {
        if (text.length() == 4 && text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.length() == 5 && text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /**
     * The instant {@code text} denotes, or {@code null}. Accepts an ISO-8601 date ({@code 2024-03-01},
     * start of day), or date and time with {@code T} or a space between them, optional seconds and
     * fraction, and an optional offset or {@code Z}; times without an offset are read in {@code zone}.
     * Instants finer than a microsecond are refused.
     */
    public static Instant parseTimestamp(String text, ZoneId zone) {
        if (!looksLikeDate(text)) {
            return null;
        }
        try {
            Instant instant;
            if (text.indexOf(':') < 0) {
                instant = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
            } else {
                String iso = text.replace(' ', 'T');
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from,
                        LocalDateTime::from);
                instant = parsed instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) parsed).atZone(zone)
                        .toInstant();
            }
            if (instant.getNano() % 1_000 != 0) {
                return null;
            }
            Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
            return instant;
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** A cheap structural check, so non-dates never pay for an exception during inference. */
    private static boolean looksLikeDate(String text) {
        int n = text.length();
        if (n < 10) {
            return false;
        }
        int i = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        int yearDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            yearDigits++;
        }
        return yearDigits >= 4 && i + 5 < n && text.charAt(i) == '-' && isDigit(text.charAt(i + 1))
                && isDigit(text.charAt(i + 2)) && text.charAt(i + 3) == '-' && isDigit(text.charAt(i + 4))
                && isDigit(text.charAt(i + 5));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}

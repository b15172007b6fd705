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
 * numbers (no hex, no type suffixes, no surrounding spaces), integers a double holds exactly,
 * {@code true}/{@code false}, and ISO-8601 dates and times at microsecond precision or coarser.
 */
public final class CellParsers {

    /** Integers with more digits than this may not be exactly representable and are checked. */
    private static final int SAFE_INTEGER_DIGITS = 15;

    private CellParsers() {
    }

    /**
     * The number {@code text} denotes, or {@code null} when it is not a number we accept.
     * Accepts {@code [+-]digits[.digits][e[+-]digits]} (either side of the point may be empty but not
     * both), and {@code NaN}, {@code Infinity}, {@code inf} with optional sign, ignoring case.
     */
    public static Double parseNumber(String text) {
        int n = text.length();
        if (n == 0) {
            return null;
        }
        int i = 0;
        char first = text.charAt(0);
        if (first == '+' || first == '-') {
            i++;
        }
        int digitsStart = i;
        int intDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        boolean point = false;
        if (i < n && text.charAt(i) == '.') {
            point = true;
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return special(text, digitsStart);
        }
        boolean exponent = false;
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            exponent = true;
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            return null; // beyond the range of a double: refusing beats turning it into infinity
        }
        if (!point && !exponent && intDigits > SAFE_INTEGER_DIGITS && !exactInteger(text, value)) {
            return null;
        }
        return value;
    }

    /**
     * Text that {@link #parseNumber} reads back as exactly {@code value}: integers below 10^15 without
     * a fraction, other numbers in Java's round-trip form, and {@code NaN}, {@code Infinity},
     * {@code -Infinity}; -0.0 keeps its sign.
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

    /** Why {@link #parseNumber} refused {@code text}, for error messages. */
    public static String numberProblem(String text) {
        if (!text.isEmpty() && text.strip().length() != text.length()) {
            return "is not a number: it has surrounding spaces (enable trimming to accept them)";
        }
        String plain = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (!plain.isEmpty() && plain.chars().allMatch(CellParsers::isDigit)) {
            return "is an integer that a double cannot hold exactly (read the column as categorical to keep it)";
        }
        try {
            if (Double.isInfinite(Double.parseDouble(text)) && special(text, 0) == null) {
                return "is beyond the range of a double";
            }
        } catch (NumberFormatException e) {
            // not even Java's looser grammar: fall through to the general message
        }
        return "is not a number";
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

    private static Double special(String text, int signLength) {
        String word = text.substring(signLength);
        boolean negative = signLength == 1 && text.charAt(0) == '-';
        if (word.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (word.equalsIgnoreCase("infinity") || word.equalsIgnoreCase("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    private static boolean exactInteger(String text, double value) {
        return new BigDecimal(text).compareTo(new BigDecimal(value)) == 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}

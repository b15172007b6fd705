package dev.mlops.core.data.internal;

import dev.mlops.core.internal.NumberLiteral;
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

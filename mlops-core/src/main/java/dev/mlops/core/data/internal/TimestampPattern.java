package dev.mlops.core.data.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * A timestamp layout the user named with a {@link DateTimeFormatter} pattern, such as
 * {@code yyyy/MM/dd HH:mm:ss} or {@code MMM d yyyy} (English month and day names). A value with
 * a date only is the start of that day; one without an offset or zone is in the read's zone.
 *
 * @param pattern   the pattern as given, for messages
 * @param formatter the compiled pattern
 */
public record TimestampPattern(String pattern, DateTimeFormatter formatter) {

    public TimestampPattern {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(formatter, "formatter");
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException if it is not a valid {@link DateTimeFormatter} pattern
     */
    public static TimestampPattern of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        try {
            return new TimestampPattern(pattern, DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a DateTimeFormatter pattern: " + e.getMessage(),
                    e);
        }
    }

    /** The instant {@code text} denotes in this layout, or null when it does not match it. */
    public Instant parse(String text, ZoneId zone) {
        try {
            TemporalAccessor parsed = formatter.parseBest(text, ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from, LocalDate::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return zoned.toInstant();
            }
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            if (parsed instanceof LocalDateTime local) {
                return local.atZone(zone).toInstant();
            }
            return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}

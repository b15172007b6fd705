package dev.mlops.core.data.internal;

import dev.mlops.core.internal.NumberLiteral;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How one read turns cell text into values.
 *
 * @param missing           which cells are missing values
 * @param zone              the zone of dates and times written without an offset
 * @param rounding          where rounded numbers are reported, or null to refuse numbers a double cannot hold
 * @param timestampPatterns the timestamp layout of each column the user named one for
 * @param timestampDefault  the layout every other timestamp may have besides ISO-8601, or null
 */
public record CellRules(MissingTokens missing, ZoneId zone, NumberRounding rounding,
        Map<String, TimestampPattern> timestampPatterns, TimestampPattern timestampDefault) {

    public CellRules {
        Objects.requireNonNull(missing, "missing tokens");
        Objects.requireNonNull(zone, "zone");
        timestampPatterns = Map.copyOf(timestampPatterns);
    }

    /** Rules with ISO-8601 timestamps only. */
    public CellRules(MissingTokens missing, ZoneId zone, NumberRounding rounding) {
        this(missing, zone, rounding, Map.of(), null);
    }

    /**
     * The instant {@code text} denotes in {@code column}: in the column's own layout if it has one
     * (and only that), else in ISO-8601 or the default layout; null when it is none of them.
     */
    public Instant timestamp(String column, String text) {
        TimestampPattern own = column == null ? null : timestampPatterns.get(column);
        if (own != null) {
            return own.parse(text, zone);
        }
        Instant iso = CellParsers.parseTimestamp(text, zone);
        return iso != null || timestampDefault == null ? iso : timestampDefault.parse(text, zone);
    }

    /** Why {@code column} refused a value as a timestamp, naming the layout it expected. */
    public String timestampProblem(String column) {
        TimestampPattern own = column == null ? null : timestampPatterns.get(column);
        if (own != null) {
            return "does not match the timestamp pattern '" + own.pattern() + "'";
        }
        return timestampDefault == null ? "is not an ISO-8601 date or timestamp at microsecond precision or coarser"
                : "is neither an ISO-8601 date or timestamp nor in the pattern '" + timestampDefault.pattern() + "'";
    }

    /** Whether a number literal is read (as its {@link NumberLiteral#value()}) under these rules. */
    public boolean accepts(NumberLiteral literal) {
        return literal.kind() == NumberLiteral.Kind.HELD || rounding != null && literal.roundable();
    }
}

package dev.mlops.core.data.internal;

import dev.mlops.api.FieldType;
import java.time.ZoneId;

/**
 * Infers one column's type from the values seen: boolean if every value is {@code true}/{@code
 * false}, numeric if every value is a number, timestamp if every value is an ISO-8601 date or
 * time, categorical otherwise. Missing values say nothing.
 */
public final class TypeGuess {

    private final ZoneId zone;
    private boolean seen;
    private boolean bool = true;
    private boolean numeric = true;
    private boolean timestamp = true;

    public TypeGuess(ZoneId zone) {
        this.zone = zone;
    }

    /** Takes one non-missing value into account. */
    public void observe(String text) {
        seen = true;
        if (bool && CellParsers.parseBoolean(text) == null) {
            bool = false;
        }
        if (numeric && CellParsers.parseNumber(text) == null) {
            numeric = false;
        }
        if (timestamp && CellParsers.parseTimestamp(text, zone) == null) {
            timestamp = false;
        }
    }

    /** Whether any non-missing value was observed. */
    public boolean decided() {
        return seen;
    }

    /** The inferred type; categorical when nothing was observed. */
    public FieldType type() {
        if (!seen) {
            return FieldType.CATEGORICAL;
        }
        if (bool) {
            return FieldType.BOOLEAN;
        }
        if (numeric) {
            return FieldType.NUMERIC;
        }
        return timestamp ? FieldType.TIMESTAMP : FieldType.CATEGORICAL;
    }
}

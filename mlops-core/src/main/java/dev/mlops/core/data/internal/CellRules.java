package dev.mlops.core.data.internal;

import dev.mlops.core.internal.NumberLiteral;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How one read turns cell text into values.
 *
 * @param missing  which cells are missing values
 * @param zone     the zone of dates and times written without an offset
 * @param rounding where rounded numbers are reported, or null to refuse numbers a double cannot hold
 */
public record CellRules(MissingTokens missing, ZoneId zone, NumberRounding rounding) {

    public CellRules {
        Objects.requireNonNull(missing, "missing tokens");
        Objects.requireNonNull(zone, "zone");
    }

    /** Whether a number literal is read (as its {@link NumberLiteral#value()}) under these rules. */
    public boolean accepts(NumberLiteral literal) {
        return literal.kind() == NumberLiteral.Kind.HELD || rounding != null && literal.roundable();
    }
}

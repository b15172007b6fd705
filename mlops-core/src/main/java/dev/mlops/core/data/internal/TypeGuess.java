package dev.mlops.core.data.internal;

import dev.mlops.api.FieldType;

/**
 * Infers one column's type from the values seen: boolean if every value is {@code true}/{@code
 * false}, numeric if every value is a number, timestamp if every value is an ISO-8601 date or
 * time, categorical otherwise. Missing values say nothing. Numbers follow the read's rules, so a
 * number a double cannot hold makes the column categorical unless the read rounds such numbers.
 */
public final class TypeGuess {

    private final CellRules rules;
    private boolean seen;
    private boolean bool = true;
    private boolean numeric = true;
    private boolean timestamp = true;

    public TypeGuess(CellRules rules) {
        this.rules = rules;
    }

    /** Takes one non-missing value into account. */
    public void observe(String text) {
        seen = true;
        if (bool && CellParsers.parseBoolean(text) == null) {
            bool = false;
        }
        if (numeric && !rules.accepts(NumberLiteral.read(text))) {
            numeric = false;
        }
        if (timestamp && CellParsers.parseTimestamp(text, rules.zone()) == null) {
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

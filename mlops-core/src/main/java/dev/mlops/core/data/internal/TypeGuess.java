package dev.mlops.core.data.internal;

import dev.mlops.api.FieldType;
import dev.mlops.core.internal.NumberLiteral;

/**
 * Infers one column's type from the values seen: boolean if every value is {@code true}/{@code
 * false}, numeric if every value is a number, timestamp if every value is an ISO-8601 date or
 * time, categorical otherwise. Missing values say nothing. Numbers follow the read's rules, so a
 * number a double cannot hold makes the column categorical unless the read rounds such numbers;
 * and a value with a leading zero followed by more digits ({@code 08123}, {@code 007}, {@code -01})
 * is a code, not a number, so zip codes, product codes and phone numbers keep their zeros.
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
        if (numeric && (isCode(text) || !rules.accepts(NumberLiteral.read(text)))) {
            numeric = false;
        }
        if (timestamp && rules.timestamp(null, text) == null) {
            timestamp = false;
        }
    }

    /**
     * Whether {@code text} is written like an identifier rather than a quantity: an optional sign, a
     * zero, then another digit. {@code 0}, {@code 0.5}, {@code -0.25} and {@code 0e3} are numbers.
     */
    public static boolean isCode(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        return text.length() > start + 1 && text.charAt(start) == '0' && Character.isDigit(text.charAt(start + 1));
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

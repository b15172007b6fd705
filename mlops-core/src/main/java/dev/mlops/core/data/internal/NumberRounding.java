package dev.mlops.core.data.internal;

import dev.mlops.core.internal.NumberLiteral;

/**
 * Where a reader that was told to round inexact numbers reports each one it rounded, so the
 * rounding is reported rather than silent. Absent (null) when inexact numbers are refused.
 */
@FunctionalInterface
public interface NumberRounding {

    /**
     * Called once for each committed value that was rounded.
     *
     * @param column  the column
     * @param raw     the text as read
     * @param literal what it was read as ({@link NumberLiteral#roundable()} holds)
     */
    void rounded(String column, String raw, NumberLiteral literal);
}

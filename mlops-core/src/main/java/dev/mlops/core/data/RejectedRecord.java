package dev.mlops.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A record a lenient read left out of the frame, with where it was and why.
 *
 * @param line     the 1-based line the record starts on
 * @param column   the column whose value was refused, or null when the whole record was (a ragged row)
 * @param rawValue the refused value as read, or null
 * @param reason   why the record was refused
 * @param fields   every field of the record as read ({@code null} for an unquoted empty field)
 * @since 0.1
 */
public record RejectedRecord(long line, String column, String rawValue, String reason, List<String> fields) {

    public RejectedRecord {
        Objects.requireNonNull(reason, "reason");
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    @Override
    public String toString() {
        return "line " + line + (column == null ? "" : ", column '" + column + "'")
                + (rawValue == null ? "" : ", value '" + rawValue + "'") + ": " + reason;
    }
}

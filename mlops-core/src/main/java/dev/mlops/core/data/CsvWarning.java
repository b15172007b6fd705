package dev.mlops.core.data;

import java.util.Objects;

/**
 * Something a read accepted but changed, reported once per column: for example numbers rounded
 * under {@link InexactNumbers#ROUND}.
 *
 * @param column        the column
 * @param count         how many values it concerns
 * @param firstLine     the 1-based line of the first of them
 * @param firstRawValue the first of them as read
 * @param reason        what happened to the first, and why
 * @since 0.1
 */
public record CsvWarning(String column, long count, long firstLine, String firstRawValue, String reason) {

    public CsvWarning {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(firstRawValue, "first raw value");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "column '" + column + "': " + count + " value" + (count == 1 ? "" : "s") + " changed, the first on line "
                + firstLine + ", value '" + firstRawValue + "': " + reason;
    }
}

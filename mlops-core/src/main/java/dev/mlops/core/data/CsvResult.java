package dev.mlops.core.data;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;

/**
 * What a CSV read produced: the frame of accepted records; in {@link ErrorMode#LENIENT} mode, the
 * records left out with their reasons (always empty in strict mode, which throws instead);
 * warnings about what was accepted but looks wrong or was changed as the reader was told to allow
 * (header names with surrounding spaces, numbers rounded under {@link InexactNumbers#ROUND}); and the
 * delimiter used, which the reader detects when it was given none.
 *
 * @param frame     the accepted records
 * @param rejected  the records left out, in file order
 * @param warnings  header warnings first, then one per column whose values were changed, in column order
 * @param delimiter the delimiter the records were split by
 * @since 0.1
 */
public record CsvResult(Frame frame, List<RejectedRecord> rejected, List<CsvWarning> warnings, String delimiter) {

    public CsvResult {
        Objects.requireNonNull(frame, "frame");
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(delimiter, "delimiter");
    }

    /** A comma-separated result. */
    public CsvResult(Frame frame, List<RejectedRecord> rejected, List<CsvWarning> warnings) {
        this(frame, rejected, warnings, ",");
    }

    /** A comma-separated result without warnings. */
    public CsvResult(Frame frame, List<RejectedRecord> rejected) {
        this(frame, rejected, List.of());
    }

    /** Whether every record was accepted (values changed with a warning were accepted). */
    public boolean isClean() {
        return rejected.isEmpty();
    }
}

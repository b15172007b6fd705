package dev.mlops.core.data;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;

/**
 * What a CSV read produced: the frame of accepted records; in {@link ErrorMode#LENIENT} mode, the
 * records left out with their reasons (always empty in strict mode, which throws instead); and
 * warnings about values accepted with a change the reader was told to allow, such as numbers
 * rounded under {@link InexactNumbers#ROUND}.
 *
 * @param frame    the accepted records
 * @param rejected the records left out, in file order
 * @param warnings one per column whose values were changed, in column order
 * @since 0.1
 */
public record CsvResult(Frame frame, List<RejectedRecord> rejected, List<CsvWarning> warnings) {

    public CsvResult {
        Objects.requireNonNull(frame, "frame");
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public CsvResult(Frame frame, List<RejectedRecord> rejected) {
        this(frame, rejected, List.of());
    }

    /** Whether every record was accepted (values changed with a warning were accepted). */
    public boolean isClean() {
        return rejected.isEmpty();
    }
}

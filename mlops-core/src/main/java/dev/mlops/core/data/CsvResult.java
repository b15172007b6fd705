package dev.mlops.core.data;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;

/**
 * What a CSV read produced: the frame of accepted records and, in {@link ErrorMode#LENIENT} mode,
 * the records left out with their reasons (always empty in strict mode, which throws instead).
 *
 * @param frame    the accepted records
 * @param rejected the records left out, in file order
 * @since 0.1
 */
public record CsvResult(Frame frame, List<RejectedRecord> rejected) {

    public CsvResult {
        Objects.requireNonNull(frame, "frame");
        rejected = List.copyOf(rejected);
    }

    /** Whether every record was accepted. */
    public boolean isClean() {
        return rejected.isEmpty();
    }
}

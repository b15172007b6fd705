package dev.mlops.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a batch scoring did.
 *
 * @param output   the file written, one row per scored input row, in input order
 * @param scored   rows scored and written
 * @param rejected rows not scored (lenient mode), each written with its line and reason to {@code rejectedTo}
 * @param rejectedTo the side file of rejected rows, or null in strict mode
 * @param version  the model version that scored every row (0 for a bundle not from a registry)
 * @param took     wall-clock time
 * @since 0.1
 */
public record BatchResult(Path output, long scored, long rejected, Path rejectedTo, int version, Duration took) {

    /** Checks the components. */
    public BatchResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(took, "took");
    }

    /** Rows scored per second. */
    public double rowsPerSecond() {
        return scored / Math.max(took.toNanos() / 1e9, 1e-9);
    }
}

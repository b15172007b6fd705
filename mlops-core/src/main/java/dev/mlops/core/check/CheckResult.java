package dev.mlops.core.check;

import java.util.List;
import java.util.Objects;

/**
 * One check's outcome.
 *
 * @param check       what was checked, in words
 * @param severity    how much a failure matters
 * @param passed      whether the data satisfied the check
 * @param observed    what was observed (a ratio, a mean, a count), in words
 * @param failingRows how many rows failed (0 for checks on the whole frame)
 * @param exampleRows up to {@value #EXAMPLES} indexes of failing rows, ascending
 * @since 0.1
 */
public record CheckResult(String check, Severity severity, boolean passed, String observed, long failingRows,
        List<Integer> exampleRows) {

    /** How many failing rows a result names. */
    public static final int EXAMPLES = 5;

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(observed, "observed");
        exampleRows = List.copyOf(exampleRows);
    }

    @Override
    public String toString() {
        return (passed ? "PASS " : severity == Severity.ERROR ? "FAIL " : "WARN ") + check + ": observed " + observed
                + (exampleRows.isEmpty() ? "" : ", e.g. rows " + exampleRows);
    }
}

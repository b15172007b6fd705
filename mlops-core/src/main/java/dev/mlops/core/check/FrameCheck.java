package dev.mlops.core.check;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** A check on the frame as a whole: a measured value, in words, and whether it passes. */
record FrameCheck(String description, Severity severity, String column, Function<Frame, Measurement> measure)
        implements Check {

    /** What was observed and whether it satisfies the check. */
    record Measurement(String observed, boolean passed) {
    }

    FrameCheck {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
    }

    @Override
    public Check withSeverity(Severity newSeverity) {
        return new FrameCheck(description, newSeverity, column, measure);
    }

    @Override
    public CheckResult run(Frame frame) {
        if (column != null && !frame.schema().contains(column)) {
            return new CheckResult(description, severity, false, "no column '" + column + "'", 0, List.of());
        }
        try {
            Measurement m = measure.apply(frame);
            return new CheckResult(description, severity, m.passed(), m.observed(), 0, List.of());
        } catch (RuntimeException e) {
            return new CheckResult(description, severity, false, "the check threw " + e, 0, List.of());
        }
    }
}

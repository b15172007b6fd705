package dev.mlops.core.check;

import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * A check that tests rows one by one and passes when no row fails. {@code failing} prepares, once
 * per frame, a test of whether a row index fails, so columns are looked up once and values never boxed.
 */
record RowCheck(String description, Severity severity, String column, Function<Frame, IntPredicate> failing)
        implements Check {

    RowCheck {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(failing, "row test");
    }

    @Override
    public Check withSeverity(Severity newSeverity) {
        return new RowCheck(description, newSeverity, column, failing);
    }

    @Override
    public CheckResult run(Frame frame) {
        if (column != null && !frame.schema().contains(column)) {
            return new CheckResult(description, severity, false, "no column '" + column + "'", 0, List.of());
        }
        long failed = 0;
        List<Integer> examples = new ArrayList<>();
        try {
            IntPredicate fails = failing.apply(frame);
            for (int row = 0; row < frame.rowCount(); row++) {
                if (fails.test(row)) {
                    failed++;
                    if (examples.size() < CheckResult.EXAMPLES) {
                        examples.add(row);
                    }
                }
            }
        } catch (RuntimeException e) {
            return new CheckResult(description, severity, false, "the check threw " + e, failed, examples);
        }
        return new CheckResult(description, severity, failed == 0, failed + " of " + frame.rowCount() + " rows fail",
                failed, examples);
    }
}

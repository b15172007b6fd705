package dev.mlops.core.train.internal;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one prepared row while its values are read, to report them all at once. */
final class RowProblems {

    private List<Problem> problems;

    /** {@code value} as a model input: a finite number as it is, a boolean as 0 or 1; else a problem and 0. */
    double number(String name, Object value) {
        if (value instanceof Double number && Double.isFinite(number)) {
            return number;
        }
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        add(name, value == null ? "is missing" : "is " + value + ", not a finite number");
        return 0;
    }

    void add(String name, String reason) {
        if (problems == null) {
            problems = new ArrayList<>();
        }
        problems.add(new Problem(name, reason));
    }

    /** Throws every problem found, if any. */
    void throwIfAny() {
        if (problems != null) {
            throw new InvalidInputException("prepared row", problems);
        }
    }
}

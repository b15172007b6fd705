package dev.mlops.core.check;

import dev.mlops.api.Frame;

/**
 * A condition a frame must satisfy. Checks are immutable; {@link Checks} builds the standard ones.
 *
 * @since 0.1
 */
public interface Check {

    /** What the check requires, in words, such as "age in [0, 120]". */
    String description();

    /** How much a failure matters; {@link Severity#ERROR} unless made a warning. */
    Severity severity();

    /** This check with another severity. */
    Check withSeverity(Severity severity);

    /**
     * Runs the check. A column that is absent or of the wrong type is a failed result, not an exception.
     */
    CheckResult run(Frame frame);
}

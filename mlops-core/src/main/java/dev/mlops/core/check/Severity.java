package dev.mlops.core.check;

/**
 * How much a failed check matters.
 *
 * @since 0.1
 */
public enum Severity {
    /** The data is not fit for use: a report with a failed error check can halt a pipeline. */
    ERROR,
    /** Worth knowing, recorded, but not a reason to stop. */
    WARNING
}

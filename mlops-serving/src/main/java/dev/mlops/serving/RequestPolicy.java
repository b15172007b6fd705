package dev.mlops.serving;

/**
 * How a predictor treats a request field that is not an input of the model. Everything else is the
 * same under both: a missing input, a value of the wrong type, NaN or infinity, a null where the
 * model was trained without missing values, and a category the fitted preparation refuses are
 * always problems.
 *
 * @since 0.1
 */
public enum RequestPolicy {
    /** An unknown field is a problem: it is often a misspelt input whose value would be lost. The default. */
    STRICT,
    /** Unknown fields are ignored, for callers that send one record to several models. */
    LENIENT
}

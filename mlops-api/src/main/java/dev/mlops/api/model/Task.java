package dev.mlops.api.model;

/**
 * What a model predicts.
 *
 * @since 0.1
 */
public enum Task {
    /** One label out of a fixed set (binary or multi-class). */
    CLASSIFICATION,
    /** A number. */
    REGRESSION
}

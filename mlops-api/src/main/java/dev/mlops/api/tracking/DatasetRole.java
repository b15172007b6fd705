package dev.mlops.api.tracking;

/**
 * What a run used a dataset for.
 *
 * @since 0.1
 */
public enum DatasetRole {
    TRAIN, VALIDATION, TEST, OTHER,
    /** The data a pipeline read before splitting it into training and test rows. */
    SOURCE
}

package dev.mlops.core.prep;

/**
 * What an encoder does with a category it never saw in training.
 *
 * @since 0.1
 */
public enum Unseen {
    /** Refuse it with a {@link dev.mlops.api.DataException} naming the column and value. */
    ERROR,
    /** Treat it as missing: all zeros for one-hot, a missing value for ordinal. */
    IGNORE,
    /** Put it in an extra "other" bucket: a {@code column=<other>} indicator, or the code after the last category. */
    OTHER
}

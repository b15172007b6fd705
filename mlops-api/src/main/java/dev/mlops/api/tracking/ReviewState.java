package dev.mlops.api.tracking;

/**
 * Where a model version is in human review. New versions start {@link #PENDING_REVIEW}.
 *
 * @since 0.1
 */
public enum ReviewState {
    /** Registered, waiting for a reviewer. */
    PENDING_REVIEW,
    /** A reviewer signed it off; only approved versions can take an alias that requires approval. */
    APPROVED,
    /** A reviewer turned it down. */
    REJECTED,
    /** Retired: hidden from listings unless asked for, and never the target of an alias. */
    ARCHIVED
}

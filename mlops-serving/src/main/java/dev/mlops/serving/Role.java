package dev.mlops.serving;

/**
 * The part a version plays in a deployment; metrics and answers are kept apart by role.
 *
 * @since 0.1
 */
public enum Role {
    /** The version the deployment's alias names: it answers callers. */
    PRIMARY,
    /** The other side of an A/B split: it answers its share of callers. */
    CHALLENGER,
    /** A canary: it answers a growing share of callers while its figures stay within bounds. */
    CANARY,
    /** A shadow: it scores a sample of requests off the callers' threads; its answers are only recorded. */
    SHADOW
}

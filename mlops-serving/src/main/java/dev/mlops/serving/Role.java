package dev.mlops.serving;

/**
 * The part a version plays in a deployment; metrics and answers are kept apart by role.
 *
 * @since 0.1
 */
public enum Role {
    /** The version the deployment's alias names: it answers callers. */
    PRIMARY
}

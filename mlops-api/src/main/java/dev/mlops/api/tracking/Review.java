package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest review decision on a model version.
 *
 * @param state    the state it put the version in
 * @param reviewer who decided
 * @param reason   why, as they wrote it
 * @param at       when
 * @since 0.1
 */
public record Review(ReviewState state, String reviewer, String reason, Instant at) {
    public Review {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}

package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued prediction with the label a person gave it.
 *
 * @param item       what was reviewed
 * @param label      the true label (text) or value (a number, kept as a double)
 * @param reason     why, in the reviewer's words; may be empty
 * @param reviewer   who
 * @param reviewedAt when
 * @since 0.1
 */
public record ReviewedItem(ReviewItem item, Object label, String reason, String reviewer, Instant reviewedAt) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the label is neither text, a boolean nor a number, or the
     *         reviewer is blank
     */
    public ReviewedItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(reviewedAt, "reviewed at");
        label = ReviewItem.plain("label", Objects.requireNonNull(label, "label"));
        if (label instanceof Boolean b) {
            label = b.toString();
        }
        if (reviewer.isBlank()) {
            throw new IllegalArgumentException("a review names its reviewer");
        }
    }
}

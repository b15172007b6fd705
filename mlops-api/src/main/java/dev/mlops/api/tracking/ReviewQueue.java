package dev.mlops.api.tracking;

import java.util.List;

/**
 * A durable queue of predictions waiting for a person's label, kept in the tracking store with its
 * crash-safety rules: an item or a label that a call acknowledged (returned from) survives a crash
 * of the process, and a crash mid-write leaves no half item. Bounded: at most {@link #capacity()}
 * items wait at once. Safe to share between threads and processes.
 *
 * @since 0.1
 */
public interface ReviewQueue {

    /** The queue's name. */
    String name();

    /**
     * The most bytes an item may take as the store writes it (UTF-8 JSON): 8 MiB. Every store
     * refuses a larger one the same way, so what one store holds another can take.
     */
    int MAX_ITEM_BYTES = 8 * 1024 * 1024;

    /** The most bytes a review adds to its item as stored (label, reason, reviewer and instant): 1 MiB. */
    int MAX_REVIEW_BYTES = 1024 * 1024;

    /** The most items that may wait at once. */
    int capacity();

    /**
     * Queues {@code item} durably.
     *
     * @return false, queuing nothing, when an item with its id was queued before or the queue is full
     * @throws dev.mlops.api.InvalidInputException if the item takes more than {@link #MAX_ITEM_BYTES} as stored
     * @throws StoreException if the store cannot be written
     */
    boolean offer(ReviewItem item);

    /** The items waiting, oldest first, at most {@code limit}. */
    List<ReviewItem> pending(int limit);

    /** How many items wait. */
    int pendingCount();

    /**
     * Records a reviewer's label for the waiting item {@code id}, durably; the item stops waiting.
     *
     * @throws NotFoundException        if no item with that id was queued
     * @throws ConflictException        if it was reviewed already
     * @throws IllegalArgumentException if the label is not text, a boolean or a number, or the reviewer is blank
     *         (an {@link dev.mlops.api.InvalidInputException} if the review adds more than
     *         {@link #MAX_REVIEW_BYTES} to the stored item)
     * @throws StoreException           if the store cannot be written
     */
    ReviewedItem review(String id, Object label, String reason, String reviewer);

    /** Every reviewed item, in the order reviewed. */
    List<ReviewedItem> reviewed();
}

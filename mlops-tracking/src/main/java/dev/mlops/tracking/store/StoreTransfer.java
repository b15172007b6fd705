package dev.mlops.tracking.store;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.DatasetOrigin;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ExperimentInfo;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.RunInfo;
import java.util.List;

/**
 * What a store adds to {@link dev.mlops.api.tracking.Tracker} so that
 * {@link dev.mlops.tracking.StoreCopy} can copy a whole store into another: the little the
 * tracker does not say (review queue names, the highest version number a model ever gave), and
 * writing entries as they are, with their ids, numbers and instants, instead of as new ones.
 *
 * <p>The {@code put} methods are for copying into an empty store, in the order
 * {@code StoreCopy} calls them (bodies, experiments and datasets before the runs that use them,
 * a parent run before its children, a run before its points). Each checks what every write of
 * the store checks (names, limits, well-formed text) and writes durably; none merges with an
 * entry that exists already. Implemented by the stores, not by applications.
 *
 * @since 0.1
 */
public interface StoreTransfer {

    /** The names of the review queues that hold an item, sorted. */
    List<String> reviewQueueNames();

    /**
     * The highest version number {@code model} ever gave (a deleted version's number is never given
     * again, so this may exceed the highest listed version).
     *
     * @throws dev.mlops.api.tracking.NotFoundException if there is no such model
     */
    int lastVersion(String model);

    /**
     * Stores a body (an artifact's or a model version's content) by its SHA-256.
     *
     * @return its SHA-256, 64 lower-case hex digits
     */
    String putBody(byte[] content);

    /** Writes an experiment as it is. */
    void putExperiment(ExperimentInfo experiment);

    /**
     * Writes a dataset version as it is: its number, creation instant, origin and stored profile.
     *
     * @throws dev.mlops.api.tracking.StoreException if {@code content}'s fingerprint is not the version's
     */
    void putDatasetVersion(DatasetVersion version, Frame content, String profileJson, DatasetOrigin origin);

    /**
     * Writes a run as it is, without its metric points (see {@link #putMetricPoints}); its
     * artifacts' bodies must be stored already. A run that is {@code RUNNING} or {@code ABANDONED}
     * is written as abandoned: no process of the new store owns it.
     */
    void putRun(RunInfo run);

    /** Appends points to a run written by {@link #putRun}, after the points appended before. */
    void putMetricPoints(String runId, List<MetricPoint> points);

    /**
     * Writes a model as it is: its versions (bodies stored already), aliases, approval rules, the
     * highest version number it gave, and its audit log entry by entry.
     */
    void putModel(RegisteredModel model, int lastVersion, List<ModelVersion> versions, List<AuditEntry> audit);

    /** Writes a review queue: its waiting items oldest first, and its reviewed items in the order reviewed. */
    void putReviewQueue(String name, List<ReviewItem> pending, List<ReviewedItem> reviewed);
}

package dev.mlops.api.model;

import java.util.Objects;

/**
 * One step of long work: {@code done} of {@code total} units of a {@link Stage} finished.
 * {@code done == 0} announces the start, {@code done == total} the end.
 *
 * @param stage   what is progressing
 * @param label   what the unit is about, such as the algorithm or the trial's configuration
 * @param done    units finished, from 0 to {@code total}
 * @param total   units in all, at least 1
 * @param message a short human-readable detail, such as the fold's score; may be empty
 * @since 0.1
 */
public record ProgressEvent(Stage stage, String label, int done, int total, String message) {

    /** What kind of work an event reports. */
    public enum Stage {
        /** Fitting one model; {@code total} is 1 unless the backend reports finer steps. */
        TRAINING,
        /** Passes over the data, for trainers that report them. */
        EPOCH,
        /** Boosting rounds, for gradient-boosted trainers that report them (XGBoost). */
        ROUND,
        /** Cross-validation folds. */
        FOLD,
        /** Tuning trials. */
        TRIAL,
        /** Batch scoring; {@code done} and {@code total} are kibibytes of input read. */
        SCORING,
        /**
         * A pipeline's stages: one event with {@code done == 0} as the run starts (labelled with the
         * pipeline's name), then one as each stage ends (labelled with the stage, its seconds as the
         * message, {@code done} the stage's position).
         */
        PIPELINE
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException unless 0 &lt;= done &lt;= total and total &gt;= 1
     */
    public ProgressEvent {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(message, "message");
        if (total < 1 || done < 0 || done > total) {
            throw new IllegalArgumentException("progress " + done + " of " + total + " is out of range");
        }
    }

    /** The fraction done, in [0, 1]. */
    public double fraction() {
        return (double) done / total;
    }
}

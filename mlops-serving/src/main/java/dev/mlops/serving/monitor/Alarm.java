package dev.mlops.serving.monitor;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An alarm of one subject of one version, raised (or cleared) when a window closed.
 *
 * @param kind      what is wrong
 * @param subject   the feature, or {@code dataset}, {@code predictions}, {@code accuracy}
 * @param source    whose: the deployment (or monitor) name, model, version and role
 * @param window    the index of the window that decided it
 * @param at        when that window closed
 * @param value     the score, or the estimated figure
 * @param threshold what it was compared with
 * @param message   a readable sentence
 * @since 0.1
 */
public record Alarm(Kind kind, String subject, Source source, long window, Instant at, double value,
        double threshold, String message) {

    /** What an alarm is about. */
    public enum Kind {
        /** One input drifted from its training distribution. */
        FEATURE_DRIFT,
        /** At least the dataset share of the inputs drifted. */
        DATASET_DRIFT,
        /** The predictions (labels, probabilities or values) drifted from those on held-out rows. */
        PREDICTION_DRIFT,
        /** The accuracy estimated from the calibrated confidence fell below the held-out accuracy by the set drop. */
        ESTIMATED_PERFORMANCE,
        /** The accuracy measured on the labels that arrived fell below the held-out accuracy by the set drop. */
        MEASURED_PERFORMANCE,
        /** More requests failed than the set rate. */
        ERROR_RATE,
        /** The 99th percentile of latency exceeded the set bound. */
        LATENCY
    }

    /**
     * Whose monitor this is.
     *
     * @param name    the deployment's (or monitor's) name
     * @param model   the registered model
     * @param version its version
     * @param role    the part it plays (PRIMARY, CHALLENGER, CANARY, SHADOW)
     */
    public record Source(String name, String model, int version, String role) {
        /** Checks the names are given. */
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String toString() {
            return name + " " + model + "/" + version + " " + role.toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the parts are given. */
    public Alarm {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + " " + subject + " (" + source + ", window " + window + "): " + message;
    }
}

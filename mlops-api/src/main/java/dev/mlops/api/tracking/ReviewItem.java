package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A prediction waiting for a person's label: what the model was asked and what it answered.
 * Feature values are text, finite numbers (kept as doubles), booleans or null; a prediction is a
 * label or a finite number.
 *
 * @param id         the prediction's id (unique in its queue)
 * @param deployment the deployment that answered
 * @param model      the model
 * @param version    the version that answered
 * @param features   the request's values, by input
 * @param prediction what it answered: a label, or a number
 * @param confidence the probability of the label it answered (NaN for a regression)
 * @param queuedAt   when it was queued
 * @since 0.1
 */
public record ReviewItem(String id, String deployment, String model, int version, Map<String, Object> features,
        Object prediction, double confidence, Instant queuedAt) {

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if a value is not text, a number, a boolean or null, the
     *         prediction is neither a label nor a number, or the id is blank
     */
    public ReviewItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(queuedAt, "queued at");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a review item needs an id");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        features.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "feature name"), plain(name, value)));
        features = Collections.unmodifiableMap(copy);
        prediction = plain("prediction", Objects.requireNonNull(prediction, "prediction"));
        if (prediction instanceof Boolean b) {
            prediction = b.toString();
        }
    }

    /** A value as the queue stores it: numbers as doubles. */
    static Object plain(String what, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("'" + what + "' is " + n + "; a review item holds finite numbers");
            }
            return n.doubleValue();
        }
        throw new IllegalArgumentException("'" + what + "' is " + value.getClass().getSimpleName()
                + "; a review item holds text, numbers, booleans or null");
    }
}

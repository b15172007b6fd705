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
     *         prediction is neither a label nor a number, the id is blank, or the id, the deployment,
     *         the model or a feature name is not text every store can hold (a lone UTF-16 surrogate,
     *         or NUL)
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
        storable("id", id);
        storable("deployment", deployment);
        storable("model", model);
        Map<String, Object> copy = new LinkedHashMap<>();
        features.forEach((name, value) -> copy.put(storable("feature name", Objects.requireNonNull(name,
                "feature name")), plain(name, value)));
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

    /**
     * {@code text}, when every store can hold it: no NUL (PostgreSQL's text refuses it) and no lone
     * UTF-16 surrogate (UTF-8 cannot encode it: two such ids would read back as one).
     */
    private static String storable(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (c == '\0' || Character.isSurrogate(c) && !paired) {
                throw new IllegalArgumentException("the review item's " + what + " holds " + (c == '\0' ? "NUL"
                        : "a lone UTF-16 surrogate") + " at index " + i + ", which not every store can hold");
            }
        }
        return text;
    }
}

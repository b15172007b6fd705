package dev.mlops.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model's answer for one {@link Features} row: a class label with its probabilities, or a number.
 *
 * @since 0.1
 */
public sealed interface Prediction permits Prediction.Classification, Prediction.Regression {

    /**
     * A classification: the predicted label and, when the model gives them, the probability of each
     * label.
     *
     * @param label         the predicted label, never null
     * @param probabilities label to probability in [0, 1], in the model's label order; empty when the
     *                      model gives no probabilities, otherwise it contains {@code label}
     */
    record Classification(String label, Map<String, Double> probabilities) implements Prediction {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if a probability is outside [0, 1] or the probabilities do not include the label
         */
        public Classification {
            Objects.requireNonNull(label, "label");
            Map<String, Double> copy = new LinkedHashMap<>();
            probabilities.forEach((name, p) -> {
                Objects.requireNonNull(name, "label in probabilities");
                if (p == null || !(p >= 0.0 && p <= 1.0)) {
                    throw new IllegalArgumentException("probability of '" + name + "' must be in [0, 1]: " + p);
                }
                copy.put(name, p);
            });
            if (!copy.isEmpty() && !copy.containsKey(label)) {
                throw new IllegalArgumentException("probabilities " + copy.keySet() + " do not include the label '"
                        + label + "'");
            }
            probabilities = Collections.unmodifiableMap(copy);
        }

        /** The probability of {@code label}, or NaN when the model gives none for it. */
        public double probability(String someLabel) {
            Double p = probabilities.get(someLabel);
            return p == null ? Double.NaN : p;
        }
    }

    /**
     * A regression: the predicted number.
     *
     * @param value the prediction; may be NaN or infinite if the model produces such a value
     */
    record Regression(double value) implements Prediction {
    }

    /**
     * A classification with label probabilities.
     *
     * @throws IllegalArgumentException if a probability is outside [0, 1] or the probabilities do not include the label
     */
    static Classification classification(String label, Map<String, Double> probabilities) {
        return new Classification(label, probabilities);
    }

    /** A classification without probabilities. */
    static Classification classification(String label) {
        return new Classification(label, Map.of());
    }

    /** A regression. */
    static Regression regression(double value) {
        return new Regression(value);
    }
}

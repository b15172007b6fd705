package dev.mlops.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.Optional;

/**
 * A model's answer for one {@link Features} row: a class label with its probabilities, or a number;
 * and, when a predictor served it, its {@link Origin}: a prediction id to attach a label that
 * arrives later, and the model and version that answered.
 *
 * @since 0.1
 */
public sealed interface Prediction permits Prediction.Classification, Prediction.Regression {

    /**
     * Where a served prediction comes from.
     *
     * @param id      unique among the predictions of this JVM and, with overwhelming probability, of others
     * @param model   the model's name: its registry name, or the name the predictor was given
     * @param version its registry version, or 0 for a bundle that was not loaded from a registry
     * @since 0.1
     */
    record Origin(PredictionId id, String model, int version) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if {@code version} is negative
         */
        public Origin {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            if (version < 0) {
                throw new IllegalArgumentException("version must be 0 or more: " + version);
            }
        }

        /** {@code from model/version, id ...}. */
        @Override
        public String toString() {
            return "from " + model + (version > 0 ? "/" + version : "") + ", id " + id;
        }
    }

    /** Where it was served from; empty for a prediction made directly by a model or bundle. */
    Optional<Origin> origin();

    /** This prediction with {@code origin}. */
    Prediction withOrigin(Origin origin);

    /**
     * How sure the model is: the probability of the predicted label for a classifier that gives
     * probabilities, NaN otherwise (a regression, or a classifier without probabilities).
     */
    double confidence();

    /**
     * A classification: the predicted label and, when the model gives them, the probability of each
     * label.
     *
     * @param label         the predicted label, never null
     * @param probabilities label to probability in [0, 1], in the model's label order; empty when the
     *                      model gives no probabilities, otherwise it contains {@code label}
     * @param served        where it was served from, or null
     */
    record Classification(String label, Map<String, Double> probabilities, Origin served) implements Prediction {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if a probability is outside [0, 1] or the probabilities do not include the label
         */
        public Classification {
            Objects.requireNonNull(label, "label");
            if (!(probabilities instanceof ProbabilityMap)) { // one made here was checked already
                LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
                probabilities.forEach((name, p) -> {
                    Objects.requireNonNull(name, "label in probabilities");
                    if (p == null || !(p >= 0.0 && p <= 1.0)) {
                        throw new IllegalArgumentException("probability of '" + name + "' must be in [0, 1]: " + p);
                    }
                    copy.put(name, p);
                });
                probabilities = copy.isEmpty() ? Map.of() : new ProbabilityMap(copy);
            }
            if (!probabilities.isEmpty() && !probabilities.containsKey(label)) {
                throw new IllegalArgumentException("probabilities " + probabilities.keySet() + " do not include the"
                        + " label '" + label + "'");
            }
        }

        /**
         * A classification that was not served.
         *
         * @throws IllegalArgumentException if a probability is outside [0, 1] or the probabilities do not include the label
         */
        public Classification(String label, Map<String, Double> probabilities) {
            this(label, probabilities, null);
        }

        @Override
        public Optional<Origin> origin() {
            return Optional.ofNullable(served);
        }

        @Override
        public Classification withOrigin(Origin origin) {
            return new Classification(label, probabilities, Objects.requireNonNull(origin, "origin"));
        }

        /** The label, its confidence, every probability, and where it was served from. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "%s (confidence %.4f)",
                    FrameText.cut(FrameText.clean(label), 80), confidence()));
            if (!probabilities.isEmpty()) {
                StringJoiner each = new StringJoiner(", ", " {", probabilities.size() > 10
                        ? ", +" + (probabilities.size() - 10) + " more}" : "}");
                probabilities.entrySet().stream().limit(10).forEach(e -> each.add(String.format(java.util.Locale.ROOT,
                        "%s %.4f", FrameText.cut(FrameText.clean(e.getKey()), 40), e.getValue())));
                text.append(each);
            }
            return served == null ? text.toString() : text + " " + served;
        }

        @Override
        public double confidence() {
            return probability(label);
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
     * @param value  the prediction; may be NaN or infinite if the model produces such a value
     * @param served where it was served from, or null
     */
    record Regression(double value, Origin served) implements Prediction {

        /** A regression that was not served. */
        public Regression(double value) {
            this(value, null);
        }

        @Override
        public Optional<Origin> origin() {
            return Optional.ofNullable(served);
        }

        @Override
        public Regression withOrigin(Origin origin) {
            return new Regression(value, Objects.requireNonNull(origin, "origin"));
        }

        /** The value and where it was served from. */
        @Override
        public String toString() {
            return value + (served == null ? "" : " " + served);
        }

        @Override
        public double confidence() {
            return Double.NaN;
        }
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

package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.core.prep.Encoding;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Imputed;
import dev.mlops.core.prep.OneHotEncoded;
import dev.mlops.core.prep.Scaled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * What a careful engineer would write by hand to serve an impute, standardize and one-hot chain in
 * front of a Tribuo classifier: the fitted medians, means, scales and indicator positions taken out
 * of the chain once into arrays, then per row an array filled by position, an {@code ArrayExample}
 * and the raw model call. The baselines of {@code PredictBenchmark} and {@code BatchScoreBenchmark}.
 */
final class HandWrittenScorer {

    final String[] numeric;
    final String[] categorical;
    private final double[] fill;
    private final double[] center;
    private final double[] scale;
    private final int[] numericAt;
    private final String[] fillLabel;
    private final List<Map<String, Integer>> indicatorAt;
    private final String[] names;
    private final Model<Label> model;

    HandWrittenScorer(FittedChain chain, List<String> inputs, Model<Label> model) {
        Imputed imputed = (Imputed) chain.steps().get(0);
        Scaled scaled = (Scaled) chain.steps().get(1);
        OneHotEncoded oneHot = (OneHotEncoded) chain.steps().get(2);
        this.model = model;
        TreeSet<String> sorted = new TreeSet<>();
        model.getFeatureIDMap().forEach(info -> sorted.add(info.getName()));
        names = sorted.toArray(String[]::new);
        List<String> sortedList = List.of(names);
        numeric = scaled.columns().stream().map(Scaled.Scaling::column).toArray(String[]::new);
        fill = new double[numeric.length];
        center = new double[numeric.length];
        scale = new double[numeric.length];
        numericAt = new int[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            Scaled.Scaling scaling = scaled.columns().get(i);
            Double filled = imputed.numbers().get(numeric[i]);
            fill[i] = filled == null ? Double.NaN : filled;
            center[i] = scaling.center();
            scale[i] = scaling.scale();
            numericAt[i] = sortedList.indexOf(numeric[i]);
        }
        categorical = oneHot.encodings().stream().map(Encoding::column).toArray(String[]::new);
        fillLabel = new String[categorical.length];
        indicatorAt = new ArrayList<>();
        for (int i = 0; i < categorical.length; i++) {
            Encoding encoding = oneHot.encodings().get(i);
            fillLabel[i] = imputed.labels().get(categorical[i]);
            Map<String, Integer> at = new HashMap<>();
            for (String category : encoding.categories()) {
                at.put(category, sortedList.indexOf(categorical[i] + "=" + category));
            }
            indicatorAt.add(at);
        }
        if (numeric.length + categorical.length != inputs.size()) {
            throw new IllegalStateException("the hand-written preparation does not cover every input");
        }
    }

    /** The raw model's prediction for raw numbers (NaN for missing) and labels (null for missing). */
    org.tribuo.Prediction<Label> predict(double[] rawNumbers, String[] rawLabels) {
        double[] values = new double[names.length];
        for (int i = 0; i < numeric.length; i++) {
            double value = Double.isNaN(rawNumbers[i]) ? fill[i] : rawNumbers[i];
            values[numericAt[i]] = (value - center[i]) / scale[i];
        }
        for (int i = 0; i < categorical.length; i++) {
            Integer at = indicatorAt.get(i).get(rawLabels[i] == null ? fillLabel[i] : rawLabels[i]);
            if (at != null) {
                values[at] = 1;
            }
        }
        return model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values));
    }

    /** The probabilities for a request, read by name as a service would. */
    Map<String, Double> predict(Features row) {
        double[] numbers = new double[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            Object raw = row.get(numeric[i]);
            numbers[i] = raw == null ? Double.NaN : (Double) raw;
        }
        String[] labels = new String[categorical.length];
        for (int i = 0; i < categorical.length; i++) {
            labels[i] = (String) row.get(categorical[i]);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        predict(numbers, labels).getOutputScores().forEach((label, score) -> probabilities.put(label,
                score.getScore()));
        return probabilities;
    }
}

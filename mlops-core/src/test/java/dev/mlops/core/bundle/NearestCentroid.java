package dev.mlops.core.bundle;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.api.model.Trainer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model a user could write in fifty lines, with only the public SPI: a nearest-centroid
 * classifier over numeric inputs, its trainer, and its format (centroids as text lines).
 */
record NearestCentroid(String format, Schema inputs, List<String> labels, List<double[]> centroids)
        implements FittedModel {

    /** Its trainer: the mean of every input per label. */
    record Fit(String format) implements Trainer {
        public String algorithm() { return "user.nearest-centroid"; }
        public Task task() { return Task.CLASSIFICATION; }
        public Map<String, String> hyperparameters() { return Map.of(); }
        public long seed() { return 0; }

        public FittedModel fit(Frame prepared, String target, ProgressListener listener) {
            Frame features = prepared.drop(target);
            Map<String, double[]> sums = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int row = 0; row < prepared.rowCount(); row++) {
                String label = prepared.categorical(target).value(row);
                double[] sum = sums.computeIfAbsent(label, l -> new double[features.columnCount()]);
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += features.numeric(features.schema().field(c).name()).get(row);
                }
                counts.merge(label, 1, Integer::sum);
            }
            List<double[]> centroids = new ArrayList<>();
            sums.forEach((label, sum) -> centroids.add(java.util.Arrays.stream(sum).map(v -> v / counts.get(label))
                    .toArray()));
            return new NearestCentroid(format, features.schema(), List.copyOf(sums.keySet()), centroids);
        }
    }

    /** Its format: one line per label, {@code label<TAB>v1,v2,...}. */
    record Reader(String name) implements ModelFormat {
        public Map<String, String> backendVersions() { return Map.of(); }

        public FittedModel read(byte[] model, Task task, Schema inputs, List<String> labels) {
            List<String> names = new ArrayList<>();
            List<double[]> centroids = new ArrayList<>();
            for (String line : new String(model, StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.split("\t");
                names.add(parts[0]);
                centroids.add(java.util.Arrays.stream(parts[1].split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            if (!names.equals(labels) || centroids.stream().anyMatch(c -> c.length != inputs.size())) {
                throw new IllegalArgumentException("the centroids do not fit the declared labels and inputs");
            }
            return new NearestCentroid(name, inputs, names, centroids);
        }
    }

    public Task task() { return Task.CLASSIFICATION; }
    public boolean probabilistic() { return false; }
    public Map<String, String> backendVersions() { return Map.of(); }

    public Prediction predict(Features prepared) {
        int best = 0;
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < centroids.size(); i++) {
            double distance = 0;
            for (int c = 0; c < inputs.size(); c++) {
                double d = prepared.number(inputs.field(c).name()) - centroids.get(i)[c];
                distance += d * d;
            }
            if (distance < nearest) {
                nearest = distance;
                best = i;
            }
        }
        return Prediction.classification(labels.get(best));
    }

    public List<Prediction> predict(Frame prepared) {
        List<Prediction> predictions = new ArrayList<>();
        for (int row = 0; row < prepared.rowCount(); row++) {
            predictions.add(predict(prepared.row(row)));
        }
        return predictions;
    }

    public byte[] serialize() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            text.append(labels.get(i)).append('\t').append(java.util.Arrays.stream(centroids.get(i))
                    .mapToObj(Double::toString).reduce((a, b) -> a + "," + b).orElse("")).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}

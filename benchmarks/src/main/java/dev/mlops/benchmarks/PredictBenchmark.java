package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Encoding;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Imputed;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.OneHotEncoded;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Scaled;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.internal.TribuoModel;
import dev.mlops.samples.Datasets;
import dev.mlops.serving.Predictor;
import dev.mlops.serving.Serving;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * One Adult row, from its raw values to a label with probabilities, through a logistic regression
 * (imputation, standardization, one-hot encoding). {@code sdk}: a {@link Predictor} (checks the
 * request against the signature, runs the compiled preparation and the model, stamps a prediction
 * id and the version). {@code baseline}: the same work written by hand: the same raw values read
 * from the same request, the fitted medians, means, scales and category positions applied from
 * arrays, a Tribuo {@code ArrayExample}, the raw model call, the probabilities into a map.
 * {@code rawModel}: the Tribuo call alone on an example built beforehand. Setup checks that the
 * baseline and the SDK give the same probabilities on 2,000 rows.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar PredictBenchmark                 # average time
 * java -jar benchmarks/target/benchmarks.jar PredictBenchmark -bm sample      # p50, p99
 * java -jar benchmarks/target/benchmarks.jar PredictBenchmark -bm thrpt -t 2  # throughput, 2 threads
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PredictBenchmark {

    private Predictor predictor;
    private Features row;
    private Model<Label> model;
    private Example<Label> example;
    private HandWritten handWritten;

    /** The fitted preparation, applied from arrays as hand-written serving code would. */
    private static final class HandWritten {
        final String[] numeric;
        final double[] fill;
        final double[] center;
        final double[] scale;
        final int[] numericAt;
        final String[] categorical;
        final String[] fillLabel;
        final List<Map<String, Integer>> indicatorAt;
        final String[] names;
        final Model<Label> model;

        HandWritten(FittedChain chain, List<String> inputs, Model<Label> model) {
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
            indicatorAt = new java.util.ArrayList<>();
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

        Map<String, Double> predict(Features row) {
            double[] values = new double[names.length];
            for (int i = 0; i < numeric.length; i++) {
                Object raw = row.get(numeric[i]);
                double value = raw == null ? fill[i] : (Double) raw;
                values[numericAt[i]] = (value - center[i]) / scale[i];
            }
            for (int i = 0; i < categorical.length; i++) {
                Object raw = row.get(categorical[i]);
                Integer at = indicatorAt.get(i).get(raw == null ? fillLabel[i] : (String) raw);
                if (at != null) {
                    values[at] = 1;
                }
            }
            org.tribuo.Prediction<Label> prediction = model.predict(
                    new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values));
            Map<String, Double> probabilities = new LinkedHashMap<>();
            prediction.getOutputScores().forEach((label, score) -> probabilities.put(label, score.getScore()));
            return probabilities;
        }
    }

    @Setup
    @SuppressWarnings("unchecked")
    public void train() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Frame adult = Datasets.adultTrain().frame();
        ModelBundle trained = Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(adult, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
        ModelBundle bundle = ModelBundle.fromBytes(trained.toBytes(), "benchmark");
        predictor = Serving.predictor(bundle, "adult");
        model = (Model<Label>) ((TribuoModel) bundle.model()).tribuoModel();
        handWritten = new HandWritten(bundle.preparation(), bundle.signature().inputs().names(), model);
        Frame features = adult.drop("Salary");
        for (int i = 0; i < 2_000; i++) {
            Features raw = features.row(i * 16);
            Map<String, Double> sdk = ((Prediction.Classification) predictor.predict(raw)).probabilities();
            Map<String, Double> byHand = handWritten.predict(raw);
            if (!new TreeSet<>(sdk.entrySet().stream().map(Object::toString).toList()).equals(
                    new TreeSet<>(byHand.entrySet().stream().map(Object::toString).toList()))) {
                throw new IllegalStateException("row " + i * 16 + ": the SDK gives " + sdk + ", by hand " + byHand);
            }
        }
        row = features.row(7);
        Features prepared = bundle.preparation().transform(row);
        String[] names = prepared.names().stream().sorted().toArray(String[]::new);
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = prepared.number(names[i]);
        }
        example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values);
    }

    @Benchmark
    public Prediction sdk() {
        return predictor.predict(row);
    }

    @Benchmark
    public Map<String, Double> baseline() {
        return handWritten.predict(row);
    }

    @Benchmark
    public org.tribuo.Prediction<Label> rawModel() {
        return model.predict(example);
    }
}

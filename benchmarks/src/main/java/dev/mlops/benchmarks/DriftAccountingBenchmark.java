package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.samples.Datasets;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorSettings;
import java.util.List;
import java.util.concurrent.Executor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What watching a request costs the caller: counting one answered Adult request (its 14 inputs and
 * the prediction: the label and both class probabilities) into the live monitor's current window.
 * {@code sdk}: {@link LiveMonitor#record}: an atomic claim of a row, then a map lookup and an array
 * write per input and per prediction column (windows of 2,000, worked out on a discarding executor
 * so that only the caller's cost is measured). {@code baseline}: the floor, the same 17 values read
 * from the same request and prediction and written by hand into preallocated arrays at a running
 * index, no claim. Per input: divide by 15 (14 inputs and the prediction). The rows cycle through
 * 1,024 Adult requests answered beforehand.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar DriftAccountingBenchmark -prof gc   # ns/op and bytes/op
 * java -jar benchmarks/target/benchmarks.jar DriftAccountingBenchmark -t 2       # two threads
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class DriftAccountingBenchmark {

    private static final int ROWS = 1_024;

    private LiveMonitor monitor;
    private Features[] rows;
    private Prediction[] answers;
    private String[] names;
    private boolean[] numeric;
    private double[][] numbers;
    private Object[][] objects;
    private List<String> labels;
    private int next;

    @Setup
    public void train() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Frame adult = Datasets.adultTrain().frame();
        Partition parts = Split.holdout(0.8).stratifiedBy("Salary").seed(1).apply(adult);
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(parts.train(),
                "Salary", Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)))
                .withHeldOut(parts.test());
        Executor discard = work -> { }; // only the caller's side is measured
        monitor = LiveMonitor.of(bundle, new Alarm.Source("bench", "adult", 1, "PRIMARY"),
                MonitorSettings.defaults().executor(discard));
        Frame features = parts.test().drop("Salary");
        List<Prediction> predicted = bundle.predict(features);
        rows = new Features[ROWS];
        answers = new Prediction[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = features.row(i);
            answers[i] = predicted.get(i);
        }
        names = bundle.signature().inputs().names().toArray(String[]::new);
        numeric = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            numeric[i] = bundle.signature().inputs().field(names[i]).orElseThrow().type()
                    == dev.mlops.api.FieldType.NUMERIC;
        }
        labels = bundle.signature().labels();
        numbers = new double[names.length + labels.size()][2_000];
        objects = new Object[names.length + 1][2_000];
    }

    @TearDown
    public void close() {
        monitor.close();
    }

    @Benchmark
    public void sdk() {
        int i = next++ & (ROWS - 1);
        monitor.record(rows[i], answers[i]);
    }

    @Benchmark
    public void baseline() {
        int i = next++ & (ROWS - 1);
        int at = i % 2_000;
        Features row = rows[i];
        for (int f = 0; f < names.length; f++) {
            Object value = row.get(names[f]);
            if (numeric[f]) {
                numbers[f][at] = value instanceof Number n ? n.doubleValue() : Double.NaN;
            } else {
                objects[f][at] = value;
            }
        }
        Prediction.Classification answer = (Prediction.Classification) answers[i];
        objects[names.length][at] = answer.label();
        for (int k = 0; k < labels.size(); k++) {
            numbers[names.length + k][at] = answer.probability(labels.get(k));
        }
    }
}

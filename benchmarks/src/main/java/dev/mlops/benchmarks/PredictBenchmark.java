package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.internal.TribuoModel;
import dev.mlops.samples.Datasets;
import dev.mlops.serving.Deployment;
import dev.mlops.serving.Predictor;
import dev.mlops.serving.Serving;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * One Adult row, from its raw values to a label with probabilities, through a logistic regression
 * (imputation, standardization, one-hot encoding). {@code sdk}: a {@link Deployment} of the
 * registered bundle (counts the request in flight, checks it against the signature, runs the
 * compiled preparation and the model, stamps a prediction id and the version, records latency and
 * errors in the version's metrics); {@code sdkMonitored}: the same deployment with live monitoring
 * on (the bundle is trained without held-out rows, so inputs only; {@code sdkMonitoredByTime}: in
 * one-second windows, worked out once a second); {@code predictor}: the same without the deployment's
 * bookkeeping. {@code baseline}: the same work written by hand: the same raw values read
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
 * java -jar benchmarks/target/benchmarks.jar "PredictBenchmark.(sdk|sdkMonitored|baseline)$" -f 3 -wi 15
 * </pre>
 *
 * <p>On a 2-core virtual machine each fork settles in a fast (about 2.4 µs) or a slow (about 3.5 µs)
 * mode whatever the method, so compare several forks (medians, or the best fork of each), and warm
 * the monitored deployments for 15 iterations: until its analysis is compiled a window of 2,000
 * takes milliseconds of the second core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PredictBenchmark {

    private Predictor predictor;
    private Deployment deployment;
    private Deployment monitored;
    private Deployment monitoredByTime;
    private Tracker tracker;
    private Path store;
    private Features row;
    private Model<Label> model;
    private Example<Label> example;
    private HandWrittenScorer handWritten;

    @Setup
    @SuppressWarnings("unchecked")
    public void train() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Frame adult = Datasets.adultTrain().frame();
        ModelBundle trained = Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(adult, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
        ModelBundle bundle = ModelBundle.fromBytes(trained.toBytes(), "benchmark");
        predictor = Serving.predictor(bundle, "adult");
        try {
            store = Files.createTempDirectory("predict-benchmark");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        tracker = Tracking.local(store, LocalOptions.defaults().workingDirectory(null));
        tracker.registry().register("adult", ModelSource.of(bundle.toBytes()));
        tracker.registry().setAlias("adult", "live", 1);
        deployment = Deployment.of(tracker.registry(), "adult@live").pollEvery(null).start();
        monitored = Deployment.of(tracker.registry(), "adult@live").name("monitored").pollEvery(null)
                .monitoring(dev.mlops.serving.monitor.MonitorSettings.defaults()).start();
        monitoredByTime = Deployment.of(tracker.registry(), "adult@live").name("monitored-by-time").pollEvery(null)
                .monitoring(dev.mlops.serving.monitor.MonitorSettings.defaults()
                        .timeWindows(java.time.Duration.ofSeconds(1))).start();
        model = (Model<Label>) ((TribuoModel) bundle.model()).tribuoModel();
        handWritten = new HandWrittenScorer(bundle.preparation(), bundle.signature().inputs().names(), model);
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

    @TearDown
    public void close() throws java.io.IOException {
        deployment.close();
        monitored.close();
        monitoredByTime.close();
        tracker.close();
        ScratchDirectories.delete(store);
    }

    @Benchmark
    public Prediction sdk() {
        return deployment.predict(row);
    }

    /** As {@code sdk}, with live monitoring on (windows of 2,000 requests, each worked out on the monitor's thread). */
    @Benchmark
    public Prediction sdkMonitored() {
        return monitored.predict(row);
    }

    /** As {@code sdk}, with live monitoring on in windows of one second (at most 10,000 rows each, sampled). */
    @Benchmark
    public Prediction sdkMonitoredByTime() {
        return monitoredByTime.predict(row);
    }

    @Benchmark
    public Prediction predictor() {
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

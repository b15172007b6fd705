package dev.mlops.benchmarks;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.internal.TribuoModel;
import dev.mlops.samples.Datasets;
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
 * Scoring one Adult row with a logistic regression: {@code sdk} through a bundle loaded from bytes
 * (checks the raw row against the signature, imputes, standardizes and one-hot encodes it, builds
 * the example and converts the answer); {@code baseline} calls the same Tribuo model on an example
 * built beforehand from the already prepared row. The serving issue sets the hard target; this
 * reports the ratio.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar PredictBundleBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PredictBundleBenchmark {

    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private ModelBundle bundle;
    private Features row;
    private Model<Label> model;
    private Example<Label> example;

    @Setup
    @SuppressWarnings("unchecked")
    public void train() {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        Frame adult = Datasets.adultTrain().frame();
        ModelBundle trained = Training.with(Algorithms.tribuo().logisticRegression().epochs(2)).fit(adult, "Salary",
                Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
        bundle = ModelBundle.fromBytes(trained.toBytes(), "benchmark");
        row = adult.row(7).toBuilder().remove("Salary").build();
        model = (Model<Label>) ((TribuoModel) bundle.model()).tribuoModel();
        Features prepared = bundle.preparation().transform(row);
        String[] names = prepared.names().stream().sorted().toArray(String[]::new);
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = prepared.number(names[i]);
        }
        example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values);
        if (!model.predict(example).getOutput().getLabel().equals(((Prediction.Classification) bundle.predict(row))
                .label())) {
            throw new IllegalStateException("the bundle and the raw model disagree");
        }
    }

    @Benchmark
    public Prediction sdk() {
        return bundle.predict(row);
    }

    @Benchmark
    public org.tribuo.Prediction<Label> baseline() {
        return model.predict(example);
    }
}

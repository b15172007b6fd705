package dev.mlops.benchmarks;

import dev.mlops.api.Frame;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.TribuoLogisticRegression;
import dev.mlops.samples.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.Dataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Training a logistic regression on Adult ({@code adult.data}, 32,561 rows; impute, standardize
 * and one-hot encode fitted beforehand): {@code baseline} calls Tribuo's trainer directly on a
 * Tribuo dataset built by hand in setup (an {@code ArrayExample} per row in a {@code MutableDataset}); {@code sdk} calls our trainer on the prepared frame, so it
 * also checks the frame and converts it to Tribuo's structures; {@code sdkBundle} trains through
 * {@link Training} from the raw frame with the fitted chain, so it also applies the preparation,
 * profiles the training data and fingerprints it for the bundle. Same algorithm, hyperparameters
 * (20 epochs, AdaGrad 0.1) and seed. Targets: sdk / baseline at most 1.15; sdkBundle / sdk at most 1.10
 * (measured 2026-11-30: medians 665 / 613, 1.08). Single shots on this
 * machine have rare multi-second outliers (garbage collection under memory pressure), so read the
 * medians ({@code p(50.0000)}) as well as the means.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar TrainBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class TrainBenchmark {

    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private Frame raw;
    private FittedChain chain;
    private Frame prepared;
    private Dataset<Label> dataset;
    private TribuoLogisticRegression trainer;

    @Setup
    public void prepare() {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        raw = Datasets.adultTrain().frame();
        chain = Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE))
                .fit(raw.drop("Salary"));
        prepared = chain.transform(raw.drop("Salary")).withColumn(raw.column("Salary"));
        dataset = HandBuiltDatasets.of(prepared, "Salary");
        trainer = Algorithms.tribuo().logisticRegression();
    }

    /** Each single shot starts from a collected heap, so one shot's garbage does not land on the next. */
    @Setup(Level.Iteration)
    public void collect() {
        System.gc();
    }

    @Benchmark
    public Model<Label> baseline() {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 20, Integer.MAX_VALUE, 1,
                trainer.seed()).train(dataset);
    }

    @Benchmark
    public FittedModel sdk() {
        return trainer.fit(prepared, "Salary", ProgressListener.none());
    }

    @Benchmark
    public ModelBundle sdkBundle() {
        return Training.with(trainer).fit(raw, "Salary", chain);
    }
}

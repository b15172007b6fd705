package dev.mlops.benchmarks;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.core.eval.CrossValidation;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Fold;
import dev.mlops.core.split.Split;
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
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Five-fold cross-validation of a logistic regression on Adult ({@code adult.data}, 32,561 rows,
 * stratified folds fixed in setup): {@code sdk} runs {@link CrossValidation#run} on the raw frame,
 * so per fold it fits and applies impute, standardize and one-hot on the fold's training rows,
 * checks and converts the frame, trains, predicts the held-out rows and computes every
 * classification metric; {@code baseline} does the same five fits by hand with Tribuo on datasets
 * built in setup from each fold's prepared rows, and counts the held-out rows it gets right. Same
 * algorithm, hyperparameters (20 epochs, AdaGrad 0.1) and seed. Target: sdk / baseline at most 1.15;
 * read the medians ({@code p(50.0000)}).
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar CrossValidationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class CrossValidationBenchmark {

    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private Frame raw;
    private List<Fold> folds;
    private Prep.StepChain steps;
    private TribuoLogisticRegression trainer;
    private final List<Dataset<Label>> trainSets = new ArrayList<>();
    private final List<Dataset<Label>> testSets = new ArrayList<>();

    @Setup
    public void prepare() {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        raw = Datasets.adultTrain().frame();
        folds = Split.kFold(5).stratifiedBy("Salary").seed(42).apply(raw);
        steps = Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE));
        trainer = Algorithms.tribuo().logisticRegression();
        for (Fold fold : folds) {
            FittedChain chain = steps.fit(fold.train().drop("Salary"));
            trainSets.add(HandBuiltDatasets.of(chain.transform(fold.train().drop("Salary"))
                    .withColumn(fold.train().column("Salary")), "Salary"));
            testSets.add(HandBuiltDatasets.of(chain.transform(fold.test().drop("Salary"))
                    .withColumn(fold.test().column("Salary")), "Salary"));
        }
    }

    /** Each single shot starts from a collected heap, so one shot's garbage does not land on the next. */
    @Setup(Level.Iteration)
    public void collect() {
        System.gc();
    }

    @Benchmark
    public int baseline() {
        int correct = 0;
        for (int i = 0; i < trainSets.size(); i++) {
            Model<Label> model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 20,
                    Integer.MAX_VALUE, 1, trainer.seed()).train(trainSets.get(i));
            for (Example<Label> example : testSets.get(i)) {
                correct += model.predict(example).getOutput().getLabel().equals(example.getOutput().getLabel()) ? 1 : 0;
            }
        }
        return correct;
    }

    @Benchmark
    public CrossValidation.Result sdk() {
        return CrossValidation.run(trainer, raw, "Salary", steps, folds, ProgressListener.none());
    }
}

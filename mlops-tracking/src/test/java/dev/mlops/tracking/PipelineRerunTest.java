package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Task;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.check.Checks;
import dev.mlops.core.check.Severity;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.TribuoCart;
import dev.mlops.core.train.TribuoXGBoost;
import dev.mlops.core.tune.SearchSpace;
import dev.mlops.core.tune.Tuning;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded pipeline is built again from its run and gives the same figures, bit for bit. */
class PipelineRerunTest {

    @TempDir
    Path root;
    private Tracker tracker;

    @BeforeEach
    void open() {
        tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null));
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    /** The classification rows of {@link PipelineTest}, with a numeric target {@code v} beside {@code y}. */
    private static Frame data() {
        Frame frame = PipelineTest.data(11);
        Random random = new Random(12);
        NumericColumn.Builder v = NumericColumn.builder("v");
        NumericColumn x = frame.numeric("x");
        for (int row = 0; row < frame.rowCount(); row++) {
            v.add(3 * (x.isMissing(row) ? 0 : x.value(row)) + random.nextGaussian());
        }
        return frame.withColumn(v.build());
    }

    private Pipeline pipeline(Frame frame, AlgorithmTrainer<?> trainer) {
        boolean classifies = trainer.task() == Task.CLASSIFICATION;
        String target = classifies ? "y" : "v";
        return Pipeline.from("rows.csv", frame.drop(classifies ? "v" : "y")).target(target)
                .validate(Checks.complete(target), Checks.range("noise", 0, 1).withSeverity(Severity.WARNING))
                .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.log1p("noise"), Prep.standardize(),
                        Prep.oneHot(Unseen.IGNORE)))
                .split(Split.holdout(0.7).seed(5))
                .train(trainer)
                .gate(classifies ? Gates.atLeast("accuracy", 0.0) : Gates.atMost("rmse", 1e9))
                .track(tracker, "rerun")
                .register(tracker.registry(), "m-" + trainer.algorithm().replace('.', '-'), "champion");
    }

    private static List<Prediction> predictions(PipelineResult result, Frame frame) {
        return result.bundle().orElseThrow().predict(frame);
    }

    @Test
    void everyBuiltInAlgorithmGivesTheSameMetricsAndPredictionsWhenItsRunIsRunAgain() {
        Frame frame = data();
        for (AlgorithmTrainer<?> trainer : Algorithms.all()) {
            Pipeline pipeline = pipeline(frame, trainer.seed(17));
            PipelineResult first = pipeline.run();
            PipelineResult again = Pipeline.rerun(tracker, first.runId().orElseThrow());
            String name = trainer.algorithm();
            assertEquals(first.metrics(), again.metrics(), name);
            assertEquals(predictions(first, frame), predictions(again, frame), name);
            assertEquals(first.trainRows(), again.trainRows(), name);
            assertEquals(pipeline.toJson(), Pipeline.fromRun(tracker, first.runId().orElseThrow()).toJson(), name);
            assertEquals(PipelineResult.Outcome.REGISTERED, again.outcome(), name);
        }
    }

    @Test
    void theThreadCountDoesNotChangeTheResult() {
        Frame frame = data();
        PipelineResult one = pipeline(frame, Algorithms.tribuo().xgboost().trees(40).threads(1)).run();
        PipelineResult two = pipeline(frame, Algorithms.tribuo().xgboost().trees(40).threads(2)).run();
        assertEquals(one.metrics(), two.metrics());
        assertEquals(predictions(one, frame), predictions(two, frame));

        SearchSpace space = SearchSpace.of().values(TribuoXGBoost.MAX_DEPTH, 2, 4).values(TribuoXGBoost.ETA, 0.1, 0.3);
        Tuning search = Tuning.grid(Algorithms.tribuo().xgboost().trees(20), space).crossValidation(Split.kFold(3).seed(2));
        PipelineResult serial = pipeline(frame, Algorithms.tribuo().logisticRegression()).tune(search.parallelism(1)).run();
        PipelineResult parallel = pipeline(frame, Algorithms.tribuo().logisticRegression()).tune(search.parallelism(2))
                .run();
        assertEquals(serial.metrics(), parallel.metrics());
        assertEquals(serial.tuning().orElseThrow().best().hyperparameters(),
                parallel.tuning().orElseThrow().best().hyperparameters());
        assertEquals(predictions(serial, frame), predictions(parallel, frame));
    }

    @Test
    void aTunedPipelineIsRunAgainFromItsRecordWithTheSameSearchAndResult() {
        Frame frame = data();
        Tuning search = Tuning.random(Algorithms.tribuo().cart(),
                SearchSpace.of().integers(TribuoCart.MAX_DEPTH, 2, 8), 4, 9).crossValidation(Split.kFold(3).seed(4));
        PipelineResult first = pipeline(frame, Algorithms.tribuo().cart()).tune(search).run();
        PipelineResult again = Pipeline.rerun(tracker, first.runId().orElseThrow());
        assertEquals(first.metrics(), again.metrics());
        assertEquals(first.tuning().orElseThrow().trials().stream().map(t -> t.hyperparameters()).toList(),
                again.tuning().orElseThrow().trials().stream().map(t -> t.hyperparameters()).toList());
        assertEquals(predictions(first, frame), predictions(again, frame));
    }

    @Test
    void aSeparateTestSourceIsReadFromItsRecordedDatasetVersion() {
        Frame train = data().drop("v");
        Frame test = PipelineTest.data(13);
        PipelineResult first = Pipeline.from("train.csv", train).target("y")
                .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.oneHot(Unseen.IGNORE)))
                .testOn(DataSource.of("test.csv", test)).train(Algorithms.smile().logisticRegression())
                .track(tracker, "rerun").run();
        PipelineResult again = Pipeline.rerun(tracker, first.runId().orElseThrow());
        assertEquals(test.rowCount(), again.testRows());
        assertEquals(first.metrics(), again.metrics());
    }

    @Test
    void aPartGivenAsCodeIsNamedWhenTheRecordCannotBeBuiltAgain() {
        PipelineResult first = Pipeline.from("rows.csv", data().drop("v")).target("y")
                .validate(Checks.complete("y"), Checks.predicate("noise below 2", row -> row.number("noise") < 2))
                .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.oneHot(Unseen.IGNORE)))
                .train(Algorithms.tribuo().logisticRegression())
                .evaluate((model, rows) -> java.util.Map.of("rows", (double) rows.rowCount()))
                .track(tracker, "rerun").run();
        String runId = first.runId().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pipeline.fromRun(tracker, runId));
        assertTrue(e.getMessage().contains("validate: check 2 ('noise below 2')"), e.getMessage());
        assertTrue(e.getMessage().contains("evaluate"), e.getMessage());
        assertTrue(!e.getMessage().contains("check 1"), e.getMessage());

        try (var run = tracker.experiment("rerun").start("no pipeline")) {
            String other = run.id();
            run.end(dev.mlops.api.tracking.RunStatus.FINISHED);
            assertThrows(NotFoundException.class, () -> Pipeline.fromRun(tracker, other));
        }
        assertThrows(NotFoundException.class, () -> Pipeline.fromRun(tracker, "no-such-run"));
    }
}

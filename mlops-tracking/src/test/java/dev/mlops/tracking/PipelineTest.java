package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.api.model.Trainer;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.pipeline.PipelineStage;
import dev.mlops.api.pipeline.TrainTest;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.check.Checks;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.ModelRegistrations;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineException;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.TribuoCart;
import dev.mlops.core.tune.SearchSpace;
import dev.mlops.core.tune.Tuning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline from data to a registered model, on a real file store and real training. */
class PipelineTest {

    private static final List<String> CITIES = List.of("baku", "kyiv", "lima", "oslo", "rome");

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

    /** 400 rows where y is mostly "hi" for large x, in oslo or rome, or with the flag set. */
    static Frame data(long seed) {
        Random random = new Random(seed);
        int rows = 400;
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder noise = NumericColumn.builder("noise");
        CategoricalColumn.Builder city = CategoricalColumn.builder("city");
        BooleanColumn.Builder flag = BooleanColumn.builder(Field.of("flag", FieldType.BOOLEAN), rows);
        CategoricalColumn.Builder y = CategoricalColumn.builder("y");
        for (int i = 0; i < rows; i++) {
            double xv = random.nextGaussian();
            String c = CITIES.get(random.nextInt(CITIES.size()));
            boolean f = random.nextBoolean();
            if (random.nextInt(10) == 0) {
                x.addMissing();
            } else {
                x.add(xv);
            }
            noise.add(random.nextDouble());
            city.add(c);
            flag.add(f);
            double score = 1.5 * xv + (c.equals("oslo") || c.equals("rome") ? 1.5 : 0) + (f ? 1 : 0)
                    + 0.5 * random.nextGaussian();
            y.add(score > 1.2 ? "hi" : "lo");
        }
        return Frame.of(x.build(), noise.build(), city.build(), flag.build(), y.build());
    }

    private static Prep.StepChain preparation() {
        return Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.IGNORE));
    }

    private Pipeline pipeline(Frame frame) {
        return Pipeline.from("toy.csv", frame).target("y")
                .validate(Checks.complete("y"), Checks.range("noise", 0, 1))
                .prepare(preparation())
                .split(Split.holdout(0.75).stratifiedBy("y").seed(7))
                .train(Algorithms.tribuo().logisticRegression().seed(3))
                .track(tracker, "toy");
    }

    @Test
    void aTrackedRunRecordsWhereItsSourceReadTheRows() {
        Frame frame = data(11);
        var origin = dev.mlops.api.tracking.DatasetOrigin.query("select * from toy where day = ?", "2026-12-01");
        dev.mlops.api.pipeline.DataSource source = new dev.mlops.api.pipeline.DataSource() {
            @Override
            public String name() {
                return "toy-query";
            }

            @Override
            public Frame read() {
                return frame;
            }

            @Override
            public java.util.Optional<dev.mlops.api.tracking.DatasetOrigin> origin() {
                return java.util.Optional.of(origin);
            }
        };
        PipelineResult result = Pipeline.from(source).target("y").prepare(preparation())
                .split(Split.holdout(0.75).seed(7)).train(Algorithms.tribuo().logisticRegression().seed(3)).track(tracker, "origins").run();
        var input = tracker.run(result.runId().orElseThrow()).inputs().get(0).dataset();
        assertEquals("toy-query/1", input.reference());
        assertEquals(java.util.Optional.of(origin), tracker.datasets().origin(input));
    }

    /** The share of rows whose predicted label is the row's y, counted here. */
    private static double accuracyByHand(ModelBundle model, Frame test) {
        List<Prediction> predictions = model.predict(test.drop("y"));
        int right = 0;
        for (int row = 0; row < test.rowCount(); row++) {
            String actual = test.categorical("y").value(row);
            right += ((Prediction.Classification) predictions.get(row)).label().equals(actual) ? 1 : 0;
        }
        return right / (double) test.rowCount();
    }

    @Test
    void aTrackedPipelineRecordsEveryStageAndRegistersTheModelUnderTheAlias() {
        Frame frame = data(1);
        List<ProgressEvent> events = new ArrayList<>();
        PipelineResult result = pipeline(frame).gate(Gates.atLeast("accuracy", 0.6))
                .register(tracker.registry(), "toy-model", "champion").listener(events::add).run();

        assertEquals(PipelineResult.Outcome.REGISTERED, result.outcome(), result.toString());
        assertEquals(1, result.registered().orElseThrow().version());
        assertEquals(1, tracker.registry().version("toy-model@champion").version());
        Frame test = Split.holdout(0.75).stratifiedBy("y").seed(7).apply(frame).test();
        assertEquals(test.rowCount(), result.testRows());
        assertEquals(frame.rowCount() - test.rowCount(), result.trainRows());
        ModelBundle bundle = result.bundle().orElseThrow();
        assertEquals(accuracyByHand(bundle, test), result.metrics().get("accuracy"), 1e-12);
        assertTrue(result.gates().get(0).passed());

        RunInfo run = tracker.run(result.runId().orElseThrow());
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("y", run.params().get("pipeline.target"));
        assertEquals("tribuo.logistic-regression", run.params().get("train.algorithm"));
        assertEquals("3", run.params().get("train.seed"));
        assertEquals(Split.holdout(0.75).stratifiedBy("y").seed(7).toString(), run.params().get("pipeline.test"));
        assertEquals(result.metrics().get("accuracy"), run.metric("test.accuracy").orElseThrow(), 0);
        assertEquals("REGISTERED", run.tags().get("pipeline.outcome"));
        assertTrue(run.tags().get("gate.1").startsWith("passed: accuracy >= 0.6"), run.tags().toString());
        for (PipelineStage stage : List.of(PipelineStage.SOURCE, PipelineStage.VALIDATE, PipelineStage.SPLIT,
                PipelineStage.PREPARE, PipelineStage.TRAIN, PipelineStage.EVALUATE, PipelineStage.GATE)) {
            assertTrue(result.timings().containsKey(stage), stage.name());
            assertTrue(run.metric("stage." + stage.name().toLowerCase(java.util.Locale.ROOT) + ".seconds").isPresent());
        }
        assertTrue(result.timings().containsKey(PipelineStage.REGISTER));
        assertEquals(1, run.inputs().size());
        assertEquals(DatasetRole.SOURCE, run.inputs().get(0).role());
        assertEquals(frame.fingerprint().sha256(), run.inputs().get(0).dataset().fingerprint().sha256());
        assertTrue(run.artifact("validation.txt").isPresent());
        byte[] registered = tracker.registry().artifact(result.registered().orElseThrow());
        assertArrayEquals(registered, tracker.artifact(run.id(), "model/toy-model.bundle"));
        ModelBundle loaded = ModelRegistrations.load(tracker.registry(), "toy-model@champion");
        assertEquals(bundle.predict(test), loaded.predict(test));
        assertEquals(result.metrics().get("accuracy"), result.registered().orElseThrow().metrics().get("accuracy"));

        assertTrue(events.stream().anyMatch(e -> e.stage() == ProgressEvent.Stage.PIPELINE && e.label().equals("train")
                && e.done() == PipelineStage.TRAIN.ordinal() + 1));
        assertTrue(result.toString().startsWith("Pipeline toy-model: REGISTERED - registered as toy-model/1 and named"
                + " @champion"), result.toString());
    }

    @Test
    void aFailedGateIsAnOutcomeRecordedInTheRunAndRegistersNothing() {
        PipelineResult result = pipeline(data(2)).gate(Gates.atLeast("accuracy", 0.6), Gates.atLeast("accuracy", 0.9999))
                .register(tracker.registry(), "toy-model", "champion").run();
        assertEquals(PipelineResult.Outcome.GATE_FAILED, result.outcome());
        assertTrue(result.registered().isEmpty());
        assertTrue(tracker.registry().model("toy-model").isEmpty(), "nothing registered");
        assertTrue(result.reason().contains("accuracy >= 0.9999 failed"), result.reason());
        RunInfo run = tracker.run(result.runId().orElseThrow());
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("GATE_FAILED", run.tags().get("pipeline.outcome"));
        assertTrue(run.tags().get("gate.2").startsWith("failed: accuracy >= 0.9999"), run.tags().toString());
        assertTrue(run.metric("test.accuracy").isPresent());
    }

    @Test
    void aChallengerIsRegisteredOnlyWhenItBeatsTheChampionOnTheSameRows() {
        Frame frame = data(3);
        Pipeline good = pipeline(frame).gate(Gates.beatsChampion("accuracy", 0.0))
                .register(tracker.registry(), "toy-model", "champion");
        assertEquals(PipelineResult.Outcome.REGISTERED, good.run().outcome());

        // the same data without x, which carries most of the signal: a worse challenger
        Pipeline worse = good.prepare(Prep.chain(Prep.drop("x"), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
        PipelineResult refused = worse.run();
        assertEquals(PipelineResult.Outcome.GATE_FAILED, refused.outcome(), refused.toString());
        assertEquals(1, refused.championVersion());
        Frame test = Split.holdout(0.75).stratifiedBy("y").seed(7).apply(frame).test();
        ModelBundle champion = ModelRegistrations.load(tracker.registry(), "toy-model/1");
        assertEquals(accuracyByHand(champion, test), refused.championMetrics().get("accuracy"), 1e-12);
        assertTrue(refused.metrics().get("accuracy") < refused.championMetrics().get("accuracy"));
        assertEquals(1, tracker.registry().versions("toy-model", true).size());
        assertEquals(1, tracker.registry().version("toy-model@champion").version());

        // an equal model wins by the margin 0 and takes the alias
        PipelineResult again = good.run();
        assertEquals(PipelineResult.Outcome.REGISTERED, again.outcome(), again.toString());
        assertEquals(2, tracker.registry().version("toy-model@champion").version());
        assertEquals(again.metrics().get("accuracy"), again.championMetrics().get("accuracy"), 1e-12);
        assertEquals("toy-model/1", tracker.run(again.runId().orElseThrow()).tags().get("pipeline.champion"));
    }

    @Test
    void aFailedErrorCheckEndsTheRunBeforeTraining() {
        PipelineResult result = pipeline(data(4)).validate(Checks.range("noise", 5, 6))
                .register(tracker.registry(), "toy-model").run();
        assertEquals(PipelineResult.Outcome.VALIDATION_FAILED, result.outcome());
        assertTrue(result.bundle().isEmpty());
        assertFalse(result.timings().containsKey(PipelineStage.TRAIN));
        assertTrue(result.validation().hasErrors());
        assertTrue(tracker.registry().model("toy-model").isEmpty());
        assertEquals("VALIDATION_FAILED", tracker.run(result.runId().orElseThrow()).tags().get("pipeline.outcome"));
    }

    @Test
    void aStageThatThrowsFailsTheRunWithItsErrorAndRegistersNothing() {
        Trainer broken = new Trainer() {
            @Override
            public String algorithm() {
                return "broken";
            }

            @Override
            public Task task() {
                return Task.CLASSIFICATION;
            }

            @Override
            public Map<String, String> hyperparameters() {
                return Map.of();
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public FittedModel fit(Frame prepared, String target, ProgressListener listener) {
                throw new IllegalStateException("this trainer was built to fail");
            }
        };
        PipelineException e = assertThrows(PipelineException.class,
                () -> pipeline(data(5)).train(broken).register(tracker.registry(), "toy-model").run());
        assertEquals(PipelineStage.TRAIN, e.stage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        RunInfo run = tracker.run(e.runId().orElseThrow());
        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().contains("this trainer was built to fail"), run.error());
        assertEquals("TRAIN", run.tags().get("pipeline.failedStage"));
        assertTrue(tracker.registry().model("toy-model").isEmpty());

        DataSource unreadable = DataSource.of("missing.csv", () -> {
            throw new DataException("missing.csv", 0, null, null, "no such file");
        });
        PipelineException source = assertThrows(PipelineException.class,
                () -> Pipeline.from(unreadable).target("y").train(Algorithms.tribuo().logisticRegression()).run());
        assertEquals(PipelineStage.SOURCE, source.stage());
        assertTrue(source.runId().isEmpty());
        assertTrue(source.getMessage().contains("no such file"), source.getMessage());

        PipelineException scoring = assertThrows(PipelineException.class, () -> pipeline(data(5))
                .evaluate((model, test) -> {
                    throw new IllegalArgumentException("no metric for you");
                }).register(tracker.registry(), "toy-model").run());
        assertEquals(PipelineStage.EVALUATE, scoring.stage());
        assertTrue(tracker.registry().model("toy-model").isEmpty());
    }

    @Test
    void usersOwnSplitterEvaluatorAndGateTakePartAndASeparateTestSourceIsTrainedOnWhole() {
        Frame train = data(6);
        Frame test = data(7);
        PipelineResult separate = Pipeline.from("train.csv", train).target("y").prepare(preparation())
                .train(Algorithms.tribuo().logisticRegression()).testOn(DataSource.of("test.csv", test)).run();
        assertEquals(PipelineResult.Outcome.PASSED, separate.outcome());
        assertTrue(separate.runId().isEmpty());
        assertEquals(train.rowCount(), separate.trainRows());
        assertEquals(test.rowCount(), separate.testRows());
        assertEquals(Evaluation.metrics(separate.bundle().orElseThrow(), test), separate.metrics());

        PipelineResult own = Pipeline.from("train.csv", train).target("y").prepare(preparation())
                .split(data -> new TrainTest(data.slice(0, 300), data.slice(300, data.rowCount())))
                .train(Algorithms.tribuo().logisticRegression())
                .evaluate((model, rows) -> Map.of("rows", (double) rows.rowCount()))
                .gate(new dev.mlops.api.pipeline.Gate() {
                    @Override
                    public String description() {
                        return "exactly 100 test rows";
                    }

                    @Override
                    public GateResult check(Map<String, Double> candidate, Map<String, Double> champion) {
                        return new GateResult(description(), candidate.get("rows") == 100.0, "rows " + candidate);
                    }
                }).run();
        assertEquals(PipelineResult.Outcome.PASSED, own.outcome(), own.toString());
        assertEquals(300, own.trainRows());
        assertEquals(Map.of("rows", 100.0), own.metrics());
    }

    @Test
    void aTunedPipelineRecordsEachTrialAsANestedRunAndTestsOnlyAtTheEnd() {
        Frame frame = data(8);
        Tuning search = Tuning.grid(Algorithms.tribuo().cart(), SearchSpace.of().values(TribuoCart.MAX_DEPTH, 2, 4))
                .crossValidation(Split.kFold(3).seed(1));
        PipelineResult result = Pipeline.from("toy.csv", frame).target("y").prepare(preparation())
                .split(Split.holdout(0.75).seed(7)).tune(search).track(tracker, "toy").run();
        assertEquals(2, result.tuning().orElseThrow().trials().size());
        RunInfo run = tracker.run(result.runId().orElseThrow());
        long children = tracker.experiment("toy").runs().stream().filter(r -> run.id().equals(r.parentId())).count();
        assertEquals(2, children);
        assertEquals(result.tuning().orElseThrow().best().hyperparameters().get("maxDepth"),
                run.params().get("train.maxDepth"));
        assertEquals(300, result.trainRows());
    }

    @Test
    void aPipelineIsAValueThatEachCallCopies() {
        Pipeline base = Pipeline.from("toy.csv", data(9)).target("y").prepare(preparation());
        Pipeline trained = base.train(Algorithms.tribuo().logisticRegression());
        assertThrows(IllegalStateException.class, base::run);
        assertEquals(PipelineResult.Outcome.PASSED, trained.run().outcome());
        assertThrows(IllegalStateException.class, () -> Pipeline.from("toy.csv", data(9))
                .train(Algorithms.tribuo().logisticRegression()).run());
    }
}

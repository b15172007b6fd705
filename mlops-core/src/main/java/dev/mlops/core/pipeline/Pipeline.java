package dev.mlops.core.pipeline;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Trainer;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.pipeline.Evaluator;
import dev.mlops.api.pipeline.Gate;
import dev.mlops.api.pipeline.Splitter;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.check.Check;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.Split;
import dev.mlops.core.tune.Tuning;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * One chain from data to a registered model: read, validate, split, prepare, train (or tune),
 * evaluate beside the champion, gate, register, with every step tracked when a tracker is given.
 * An immutable value: each method returns a new pipeline, so one can be kept, varied and run again.
 *
 * <pre>{@code
 * PipelineResult result = Pipeline.from(Csv.source(Path.of("adult.data")))
 *         .target("Salary")
 *         .validate(Checks.complete("Salary"), Checks.range("age", 0, 120))
 *         .prepare(Prep.chain(Prep.impute(Impute.MOST_FREQUENT), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)))
 *         .split(Split.holdout(0.8).stratifiedBy("Salary").seed(42))
 *         .train(Algorithms.tribuo().logisticRegression())
 *         .gate(Gates.atLeast("accuracy", 0.8), Gates.beatsChampion("accuracy", 0.0))
 *         .track(tracker, "adult")
 *         .register(tracker.registry(), "adult-income", "champion")
 *         .run();
 * }</pre>
 *
 * <p>Defaults: no checks, no preparation, a seeded 80/20 holdout ({@code Split.holdout(0.8).seed(42)}),
 * the headline metrics of the model's task ({@link Evaluation#metrics}), no gate, not tracked, not
 * registered. Decisions end a run with a {@link PipelineResult} (a failed check or gate is an
 * outcome, not an exception); a stage that throws raises a {@link PipelineException}, marks the
 * tracked run failed, and registers nothing.
 *
 * @since 0.1
 */
public final class Pipeline {

    final DataSource source;
    final DataSource testSource;
    final String target;
    final List<Check> checks;
    final Prep.StepChain steps;
    final Splitter splitter;
    final Trainer trainer;
    final Tuning tuning;
    final Evaluator evaluator;
    final List<Gate> gates;
    final Tracker tracker;
    final String experiment;
    final ModelRegistry registry;
    final String model;
    final String alias;
    final String name;
    final ProgressListener listener;
    final Clock clock;
    final dev.mlops.api.pipeline.StageCache cache;
    final dev.mlops.api.pipeline.Deployer deployer;

    private Pipeline(Draft d) {
        this.source = d.source;
        this.testSource = d.testSource;
        this.target = d.target;
        this.checks = List.copyOf(d.checks);
        this.steps = d.steps;
        this.splitter = d.splitter;
        this.trainer = d.trainer;
        this.tuning = d.tuning;
        this.evaluator = d.evaluator;
        this.gates = List.copyOf(d.gates);
        this.tracker = d.tracker;
        this.experiment = d.experiment;
        this.registry = d.registry;
        this.model = d.model;
        this.alias = d.alias;
        this.name = d.name;
        this.listener = d.listener;
        this.clock = d.clock;
        this.cache = d.cache;
        this.deployer = d.deployer;
    }

    /** A pipeline reading {@code source}. */
    public static Pipeline from(DataSource source) {
        Draft draft = new Draft();
        draft.source = Objects.requireNonNull(source, "source");
        return new Pipeline(draft);
    }

    /** A pipeline of a frame in memory, named {@code name} in runs and dataset versions. */
    public static Pipeline from(String name, Frame frame) {
        return from(DataSource.of(name, frame));
    }

    /**
     * The pipeline a tracked run recorded, reading the data that run read (its dataset versions), so
     * that {@code run()} reproduces it: the same metrics and the same predictions, bit for bit, for
     * every built-in algorithm. Tracked in the same experiment and registered under the same name
     * and alias as the original; change either with {@link #track} or {@link #register}.
     *
     * @throws dev.mlops.api.tracking.NotFoundException if there is no such run, or it recorded no pipeline
     * @throws IllegalArgumentException                  if a part of the pipeline was given as code
     *         (a lambda or a class of your own), naming each such part: it cannot be built from the record
     */
    public static Pipeline fromRun(Tracker tracker, String runId) {
        Objects.requireNonNull(tracker, "tracker");
        dev.mlops.api.tracking.RunInfo run = tracker.run(runId);
        if (run.artifact(PipelineRecord.ARTIFACT).isEmpty()) {
            throw new dev.mlops.api.tracking.NotFoundException("run " + runId + " recorded no pipeline ("
                    + PipelineRecord.ARTIFACT + ")");
        }
        String json = new String(tracker.artifact(runId, PipelineRecord.ARTIFACT), java.nio.charset.StandardCharsets.UTF_8);
        return PipelineRecord.fromJson(json, tracker, run.inputs());
    }

    /**
     * Runs again the pipeline a tracked run recorded: {@code fromRun(tracker, runId).run()}.
     *
     * @throws dev.mlops.api.tracking.NotFoundException if there is no such run, or it recorded no pipeline
     * @throws IllegalArgumentException                  if a part was given as code (see {@link #fromRun})
     * @throws PipelineException                         if a stage throws
     */
    public static PipelineResult rerun(Tracker tracker, String runId) {
        return fromRun(tracker, runId).run();
    }

    /** The whole configuration as JSON, as a tracked run records it: each part by its recipe or, for code, its description. */
    public String toJson() {
        return PipelineRecord.toJson(this);
    }

    /** This pipeline reading {@code other} instead of its source. */
    public Pipeline source(DataSource other) {
        Objects.requireNonNull(other, "source");
        return with(d -> d.source = other);
    }

    /**
     * This pipeline as a {@link Retraining} step: each call runs it on the fresh rows it is given
     * (named {@code fresh} in runs and dataset versions), without registering or deploying anything,
     * and returns the model it trained, with its metrics and monitoring baseline. A run whose checks
     * or gates fail gives no candidate: the call throws, saying why.
     */
    public Retraining asRetraining() {
        Pipeline unregistered = with(d -> {
            d.registry = null;
            d.model = null;
            d.alias = null;
            d.deployer = null;
        });
        return fresh -> {
            PipelineResult result = unregistered.source(DataSource.of("fresh", fresh)).run();
            if (result.outcome() != PipelineResult.Outcome.PASSED) {
                throw new IllegalStateException("the retraining pipeline gave no candidate: " + result.reason());
            }
            return result.bundle().orElseThrow();
        };
    }

    /**
     * The column to predict.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Pipeline target(String column) {
        Objects.requireNonNull(column, "target");
        if (column.isBlank()) {
            throw new IllegalArgumentException("the target names a column");
        }
        return with(d -> d.target = column);
    }

    /** Checks the data must pass; a failed check of severity ERROR ends the run before training. */
    public Pipeline validate(Check... dataChecks) {
        List<Check> all = List.of(dataChecks); // null elements refused here
        return with(d -> d.checks = all);
    }

    /** The preparation, fitted on the training rows only. */
    public Pipeline prepare(Prep.StepChain preparation) {
        Objects.requireNonNull(preparation, "preparation");
        return with(d -> d.steps = preparation);
    }

    /** How the data is split into training and test rows (instead of a separate test source). */
    public Pipeline split(Splitter split) {
        Objects.requireNonNull(split, "split");
        return with(d -> {
            d.splitter = split;
            d.testSource = null;
        });
    }

    /**
     * Tests on another source's rows (such as an official test file) instead of splitting: every
     * row of the main source is then trained on.
     */
    public Pipeline testOn(DataSource test) {
        Objects.requireNonNull(test, "test");
        return with(d -> d.testSource = test);
    }

    /** Trains with {@code algorithm}. */
    public Pipeline train(Trainer algorithm) {
        Objects.requireNonNull(algorithm, "trainer");
        return with(d -> {
            d.trainer = algorithm;
            d.tuning = null;
        });
    }

    /**
     * Tunes with {@code search} on the training rows only (its folds or validation split come from
     * them; the test rows are seen only by the final evaluation), and keeps the best model refitted
     * on every training row. When tracked, each trial is a nested run.
     */
    public Pipeline tune(Tuning search) {
        Objects.requireNonNull(search, "tuning");
        return with(d -> {
            d.tuning = search;
            d.trainer = null;
        });
    }

    /** How the model (and the champion) is scored. */
    public Pipeline evaluate(Evaluator scoring) {
        Objects.requireNonNull(scoring, "evaluator");
        return with(d -> d.evaluator = scoring);
    }

    /** What the model must pass to be registered ({@link Gates}). */
    public Pipeline gate(Gate... required) {
        List<Gate> all = List.of(required);
        return with(d -> d.gates = all);
    }

    /**
     * Records the run in {@code into}'s experiment {@code experimentName}: parameters, the data as
     * dataset versions, the checks' report, metrics, gate decisions, stage timings and the model.
     */
    public Pipeline track(Tracker into, String experimentName) {
        Objects.requireNonNull(into, "tracker");
        Objects.requireNonNull(experimentName, "experiment");
        return with(d -> {
            d.tracker = into;
            d.experiment = experimentName;
        });
    }

    /** Registers a model that passes every gate as the next version of {@code modelName}. */
    public Pipeline register(ModelRegistry into, String modelName) {
        return register(into, modelName, null);
    }

    /**
     * Registers a model that passes every gate as the next version of {@code modelName} and points
     * {@code championAlias} at it. The version the alias names before the run is the champion: it
     * is scored on the same test rows, for {@link Gates#beatsChampion} (a deployment following the
     * alias then swaps to the new version by itself).
     */
    public Pipeline register(ModelRegistry into, String modelName, String championAlias) {
        Objects.requireNonNull(into, "registry");
        Objects.requireNonNull(modelName, "model");
        return with(d -> {
            d.registry = into;
            d.model = modelName;
            d.alias = championAlias;
        });
    }

    /**
     * After a registration, puts the new version into service with {@code deployment} (the DEPLOY
     * stage; {@code mlops-serving}'s {@code Deployments.refreshing(deployment)} makes a running
     * deployment of the alias swap at once). A deployer that throws fails the run at DEPLOY; the
     * version stays registered, and a deployment keeps serving what it served.
     */
    public Pipeline deploy(dev.mlops.api.pipeline.Deployer deployment) {
        Objects.requireNonNull(deployment, "deployer");
        return with(d -> d.deployer = deployment);
    }

    /** Its name in runs and results (by default the model's name, or the source's). */
    public Pipeline name(String pipelineName) {
        Objects.requireNonNull(pipelineName, "name");
        return with(d -> d.name = pipelineName);
    }

    /** Hears each stage start and end, and the training's own progress (folds, trials, epochs). */
    public Pipeline listener(ProgressListener progress) {
        Objects.requireNonNull(progress, "listener");
        return with(d -> d.listener = progress);
    }

    /**
     * Keeps the outputs of the costly stages (PREPARE, TRAIN, EVALUATE) in {@code stageCache}, each
     * under a key that hashes its configuration, its inputs' content fingerprints and the SDK and
     * backend versions: a stage whose key is unchanged is read instead of computed (see
     * {@link PipelineResult#cached()}), so a run that failed in one stage resumes there, and a change
     * recomputes exactly the stages downstream of it. A stage downstream of a part given as code is
     * always computed.
     */
    public Pipeline cache(dev.mlops.api.pipeline.StageCache stageCache) {
        Objects.requireNonNull(stageCache, "cache");
        return with(d -> d.cache = stageCache);
    }

    /** Keeps stage outputs in the directory {@code directory} ({@link StageCaches#directory}). */
    public Pipeline cache(java.nio.file.Path directory) {
        return cache(StageCaches.directory(directory));
    }

    /** The clock stamped in the model's metadata. */
    public Pipeline clock(Clock stamp) {
        Objects.requireNonNull(stamp, "clock");
        return with(d -> d.clock = stamp);
    }

    /**
     * Runs every stage in order.
     *
     * @return what was produced and decided
     * @throws IllegalStateException if no target or no trainer was given
     * @throws PipelineException     if a stage threw; the tracked run is marked failed and nothing is registered
     */
    public PipelineResult run() {
        if (target == null) {
            throw new IllegalStateException("the pipeline has no target: call target(column)");
        }
        if (trainer == null && tuning == null) {
            throw new IllegalStateException("the pipeline has no model: call train(trainer) or tune(tuning)");
        }
        return new PipelineRun(this).run();
    }

    /** Its name: as given, or the model's, or the source's. */
    String displayName() {
        return name != null ? name : model != null ? model : source.name();
    }

    private Pipeline with(java.util.function.Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new Pipeline(draft);
    }

    /** The fields while one is changed. */
    private static final class Draft {
        DataSource source;
        DataSource testSource;
        String target;
        List<Check> checks = List.of();
        Prep.StepChain steps = Prep.chain();
        Splitter splitter = Split.holdout(0.8).seed(42);
        Trainer trainer;
        Tuning tuning;
        Evaluator evaluator = Evaluators.standard();
        List<Gate> gates = List.of();
        Tracker tracker;
        String experiment;
        ModelRegistry registry;
        String model;
        String alias;
        String name;
        ProgressListener listener;
        Clock clock = Clock.systemUTC();
        dev.mlops.api.pipeline.StageCache cache;
        dev.mlops.api.pipeline.Deployer deployer;

        Draft() {
        }

        Draft(Pipeline p) {
            source = p.source;
            testSource = p.testSource;
            target = p.target;
            checks = p.checks;
            steps = p.steps;
            splitter = p.splitter;
            trainer = p.trainer;
            tuning = p.tuning;
            evaluator = p.evaluator;
            gates = p.gates;
            tracker = p.tracker;
            experiment = p.experiment;
            registry = p.registry;
            model = p.model;
            alias = p.alias;
            name = p.name;
            listener = p.listener;
            clock = p.clock;
            cache = p.cache;
            deployer = p.deployer;
        }
    }
}

package dev.mlops.core.pipeline;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.pipeline.PipelineStage;
import dev.mlops.api.pipeline.TrainTest;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.check.CheckResult;
import dev.mlops.core.check.Checks;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.core.internal.ShortText;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.train.Progress;
import dev.mlops.core.tune.Tuning;
import dev.mlops.core.tune.TuningResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.mlops.api.pipeline.StageCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Collectors;

/**
 * One run of a {@link Pipeline}: the stages in order, each timed, each step recorded in the run
 * when the pipeline is tracked. Used once.
 */
final class PipelineRun {

    private static final int STAGES = PipelineStage.values().length;
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private final Pipeline pipeline;
    private final ProgressListener listener;
    private final Map<PipelineStage, Duration> timings = new EnumMap<>(PipelineStage.class);
    private final List<DatasetVersion> datasets = new ArrayList<>();
    private Run run;
    private ValidationReport validation = new ValidationReport(List.of());
    private int trainRows;
    private int testRows;
    private ModelBundle bundle;
    private TuningResult tuned;
    private Map<String, Double> metrics = Map.of();
    private int championVersion;
    private Map<String, Double> championMetrics = Map.of();
    private final List<GateResult> gates = new ArrayList<>();
    private String deployed;
    /** Why the registry did not let the alias name the new version (it needs approval); null when it did. */
    private String aliasRefusal;
    private final java.util.Set<PipelineStage> fromCache = java.util.EnumSet.noneOf(PipelineStage.class);

    PipelineRun(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.listener = Progress.guard(pipeline.listener == null ? ProgressListener.none() : pipeline.listener);
    }

    PipelineResult run() {
        listener.onProgress(new ProgressEvent(ProgressEvent.Stage.PIPELINE, pipeline.displayName(), 0, STAGES, ""));
        checkNames();
        if (pipeline.tracker != null) {
            run = pipeline.tracker.experiment(pipeline.experiment).start(pipeline.displayName());
        }
        try {
            PipelineResult result = stages();
            if (run != null) {
                run.tag("pipeline.outcome", result.outcome().name());
                run.end(RunStatus.FINISHED);
            }
            return result;
        } catch (PipelineException e) {
            if (run != null) {
                run.tag("pipeline.failedStage", e.stage().name());
                run.fail(e.getCause());
            }
            throw e;
        } catch (RuntimeException | Error e) { // the tracker itself failed: the run must not stay RUNNING
            if (run != null) {
                run.fail(e);
            }
            throw e;
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }

    /**
     * The model name and alias, checked by the registry before anything runs (a lookup refuses a name
     * it would refuse to store), so that a name it refuses costs no training and registers nothing.
     */
    private void checkNames() {
        if (pipeline.registry == null) {
            return;
        }
        try {
            pipeline.registry.model(pipeline.model);
            if (pipeline.alias != null) {
                pipeline.registry.version(pipeline.model + "@" + pipeline.alias);
            }
        } catch (NotFoundException absent) {
            // a name that can be stored: the model or the alias does not exist yet
        } catch (RuntimeException e) {
            throw new PipelineException(PipelineStage.REGISTER, null, e);
        }
    }

    private PipelineResult stages() {
        logParams();
        Frame data = stage(PipelineStage.SOURCE, () -> read(pipeline.source, DatasetRole.SOURCE));
        Frame separateTest = pipeline.testSource == null ? null
                : stage(PipelineStage.SOURCE, () -> read(pipeline.testSource, DatasetRole.TEST));
        validation = stage(PipelineStage.VALIDATE, () -> Checks.run(data, pipeline.checks));
        logValidation();
        if (validation.hasErrors()) {
            return result(PipelineResult.Outcome.VALIDATION_FAILED, "validation failed: " + validation.errors().stream()
                    .map(CheckResult::check).collect(Collectors.joining("; ")), null);
        }
        TrainTest rows = stage(PipelineStage.SPLIT,
                () -> separateTest == null ? pipeline.splitter.split(data) : new TrainTest(data, separateTest));
        trainRows = rows.train().rowCount();
        testRows = rows.test().rowCount();
        String splitKey = StageKeys.of("split", separateTest == null ? StageKeys.recipe(pipeline.splitter) : null,
                data.fingerprint().sha256(), separateTest == null ? null : separateTest.fingerprint().sha256());
        String trainKey = train(rows.train(), splitKey);
        ModelVersion champion = champion();
        String evaluateKey = StageKeys.of("evaluate", StageKeys.recipe(pipeline.evaluator), StageKeys.upstream(trainKey),
                StageKeys.upstream(splitKey), champion == null ? null : champion.artifactSha256());
        // a champion that could not be scored may be scorable next time: that outcome is not kept
        StageOutputs.Evaluated evaluated = cached(PipelineStage.EVALUATE, evaluateKey, StageOutputs::evaluated,
                StageOutputs::evaluated, () -> evaluate(rows.test(), champion), e -> e.championProblem() == null);
        metrics = evaluated.metrics();
        championMetrics = evaluated.champion();
        if (evaluated.championProblem() != null) { // a champion we cannot score is never silently beaten
            gates.add(new GateResult("champion scored on the same rows", false, evaluated.championProblem()));
        }
        bundle = bundle.withMetrics(finite(metrics));
        if (evaluated.monitoring() != null) {
            bundle = bundle.withMonitoring(dev.mlops.core.bundle.MonitoringBaseline.fromJson(evaluated.monitoring()));
        }
        stage(PipelineStage.GATE, () -> {
            for (dev.mlops.api.pipeline.Gate gate : pipeline.gates) {
                gates.add(Objects.requireNonNull(gate.check(metrics, championMetrics),
                        () -> "gate '" + gate.description() + "' gave no result"));
            }
            return null;
        });
        logDecisions();
        List<GateResult> failed = gates.stream().filter(g -> !g.passed()).toList();
        if (!failed.isEmpty()) {
            return result(PipelineResult.Outcome.GATE_FAILED, "not registered: " + failed.stream()
                    .map(g -> g.gate() + " failed (" + g.reason() + ")").collect(Collectors.joining("; ")), null);
        }
        if (pipeline.registry == null) {
            return result(PipelineResult.Outcome.PASSED, "every gate passed; no registry given", null);
        }
        ModelVersion version = stage(PipelineStage.REGISTER, this::register);
        String reason = "registered as " + pipeline.model + "/" + version.version()
                + (pipeline.alias == null ? "" : aliasRefusal == null ? " and named @" + pipeline.alias
                        : "; @" + pipeline.alias + " not moved: " + aliasRefusal);
        if (pipeline.deployer != null) {
            try {
                deployed = stage(PipelineStage.DEPLOY, () -> {
                    String what = Objects.requireNonNull(pipeline.deployer.deploy(version),
                            "the deployer said nothing of what serves the version");
                    if (run != null) {
                        run.tag("pipeline.deployed", ShortText.cut(what, 1_000));
                    }
                    return what;
                });
            } catch (PipelineException e) {
                restoreAlias();
                throw e;
            }
            reason += "; " + deployed;
        }
        return result(PipelineResult.Outcome.REGISTERED, reason, version);
    }

    private Frame read(dev.mlops.api.pipeline.DataSource source, DatasetRole role) {
        Frame frame = Objects.requireNonNull(source.read(), () -> "data source '" + source.name() + "' read no frame");
        if (run != null) {
            DatasetVersion version = pipeline.tracker.datasets().log(source.name(), frame,
                    source.origin().orElse(null));
            run.logInput(version, role);
            datasets.add(version);
        }
        return frame;
    }

    /**
     * PREPARE then TRAIN; or, when tuning, TRAIN alone (each trial fits its own preparation). Sets the
     * model (and the search) and returns TRAIN's cache key.
     */
    private String train(Frame train, String splitKey) {
        Object versions = versions();
        Object steps = StageKeys.recipes(pipeline.steps.steps());
        if (pipeline.tuning != null) {
            Tuning search = pipeline.tuning.clock(pipeline.clock);
            if (run != null) {
                search = search.track(run);
            }
            if (pipeline.listener != null) {
                search = search.listener(listener);
            }
            Tuning configured = search;
            String key = StageKeys.of("tune", StageKeys.withoutThreads(pipeline.tuning), steps, pipeline.target,
                    StageKeys.upstream(splitKey), versions);
            StageOutputs.Trained trained = cached(PipelineStage.TRAIN, key, StageOutputs::searched, StageOutputs::trained,
                    () -> {
                        TuningResult result = configured.run(train, pipeline.target, pipeline.steps);
                        return new StageOutputs.Trained(result.bestModel(), result);
                    });
            tuned = trained.tuning();
            bundle = trained.bundle();
            if (run != null) {
                tuned.best().hyperparameters().forEach((name, value) -> run.logParam("train." + name, value));
                run.logMetric("tuning." + tuned.metric(), tuned.best().score());
            }
            return key;
        }
        String prepareKey = StageKeys.of("prepare", steps, pipeline.target, StageKeys.upstream(splitKey), versions);
        FittedChain chain = cached(PipelineStage.PREPARE, prepareKey,
                bytes -> FittedChain.fromJson(new String(bytes, StandardCharsets.UTF_8)),
                fitted -> fitted.toJson().getBytes(StandardCharsets.UTF_8),
                () -> pipeline.steps.fit(train.drop(pipeline.target)));
        String key = StageKeys.of("train", StageKeys.withoutThreads(pipeline.trainer), StageKeys.upstream(prepareKey),
                versions);
        bundle = cached(PipelineStage.TRAIN, key, bytes -> StageOutputs.trained(bytes).bundle(),
                model -> StageOutputs.trained(new StageOutputs.Trained(model, null)),
                () -> Training.with(pipeline.trainer).listener(listener).clock(pipeline.clock)
                        .fit(train, pipeline.target, chain));
        return key;
    }

    /** What the SDK and its backends are: a cached output is used only by the same versions. */
    private static Object versions() {
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("sdk", dev.mlops.api.Sdk.version());
        versions.put("backends", dev.mlops.core.train.Algorithms.backendVersions());
        return versions;
    }

    /** The version the alias names now, when the pipeline registers under an alias; null otherwise. */
    private ModelVersion champion() {
        if (pipeline.registry == null || pipeline.alias == null) {
            return null;
        }
        try {
            ModelVersion champion = pipeline.registry.version(pipeline.model + "@" + pipeline.alias);
            championVersion = champion.version();
            return champion;
        } catch (NotFoundException none) {
            return null; // no model or no alias yet: the first version has no champion to beat
        } catch (RuntimeException e) {
            throw new PipelineException(PipelineStage.EVALUATE, run == null ? null : run.id(), e);
        }
    }

    /** The new model's metrics; the champion's too, on the same rows, when there is one. */
    private StageOutputs.Evaluated evaluate(Frame test, ModelVersion champion) {
        Map<String, Double> mine = Objects.requireNonNull(pipeline.evaluator.evaluate(bundle, test),
                "the evaluator gave no metrics");
        // the test rows are held out: monitoring learns the predictions' baseline and calibration on them
        String monitoring = bundle.monitoring().isEmpty() || test.rowCount() == 0 ? null
                : bundle.withHeldOut(test).monitoring().orElseThrow().toJson();
        if (champion == null) {
            return new StageOutputs.Evaluated(mine, Map.of(), null, monitoring);
        }
        try {
            return new StageOutputs.Evaluated(mine, pipeline.evaluator.evaluate(
                    ModelRegistrations.load(pipeline.registry, pipeline.model + "/" + champion.version()), test), null,
                    monitoring);
        } catch (RuntimeException e) {
            return new StageOutputs.Evaluated(mine, Map.of(), "version " + champion.version() + " could not be scored: "
                    + e.getMessage(), monitoring);
        }
    }

    /**
     * Runs {@code stage} through the cache: its output is read under {@code key} when the cache holds
     * it, and kept there after it is computed. No key (a part given as code upstream) or no cache:
     * computed.
     */
    private <T> T cached(PipelineStage stage, String key, Function<byte[], T> decode, Function<T, byte[]> encode,
            Supplier<T> compute) {
        return cached(stage, key, decode, encode, compute, value -> true);
    }

    /** As above; a computed output that {@code keep} refuses is not kept. */
    private <T> T cached(PipelineStage stage, String key, Function<byte[], T> decode, Function<T, byte[]> encode,
            Supplier<T> compute, java.util.function.Predicate<T> keep) {
        StageCache cache = pipeline.cache;
        return stage(stage, () -> {
            if (cache != null && key != null) {
                java.util.Optional<byte[]> hit = cache.get(key);
                if (hit.isPresent()) {
                    try {
                        T value = decode.apply(hit.get());
                        fromCache.add(stage);
                        return value;
                    } catch (RuntimeException unreadable) { // e.g. a bundle of a format no longer registered
                        LOG.warn("the cached {} output {} cannot be read ({}); computing it again", stage, key,
                                unreadable.toString());
                    }
                }
            }
            T value = compute.get();
            if (cache != null && key != null && keep.test(value)) {
                cache.put(key, encode.apply(value));
            }
            return value;
        });
    }

    /**
     * After a failed DEPLOY: the alias goes back to the champion it named before the run (or is
     * removed, when it named none), so the registry names what serves; the new version stays
     * registered, for the record.
     */
    private void restoreAlias() {
        if (pipeline.alias == null) {
            return;
        }
        try {
            if (championVersion > 0) {
                pipeline.registry.setAlias(pipeline.model, pipeline.alias, championVersion);
            } else {
                pipeline.registry.removeAlias(pipeline.model, pipeline.alias);
            }
            if (run != null) {
                run.tag("pipeline.aliasRestored", championVersion > 0 ? pipeline.model + "/" + championVersion : "removed");
            }
        } catch (RuntimeException e) {
            LOG.warn("the alias {}@{} could not be restored after a failed deployment: {}", pipeline.model,
                    pipeline.alias, e.toString());
        }
    }

    private ModelVersion register() {
        ModelVersion version = ModelRegistrations.register(pipeline.registry, pipeline.model, bundle, run,
                datasets.toArray(DatasetVersion[]::new));
        if (pipeline.alias != null) {
            try {
                pipeline.registry.setAlias(pipeline.model, pipeline.alias, version.version());
            } catch (dev.mlops.api.InvalidInputException badAlias) {
                // the registry refuses the alias itself: take the version back, so nothing is half registered
                try {
                    pipeline.registry.delete(version.reference());
                } catch (RuntimeException e) {
                    badAlias.addSuppressed(e);
                }
                throw badAlias;
            } catch (dev.mlops.api.tracking.ConflictException refused) {
                // the alias needs approval: the version is registered, awaiting review; the alias stays
                aliasRefusal = refused.getMessage();
                if (run != null) {
                    run.tag("pipeline.aliasPending", ShortText.cut(aliasRefusal, 1_000));
                }
            }
        }
        return version;
    }

    /** Runs one stage, timing it (stages that run twice add up) and telling the listener. */
    private <T> T stage(PipelineStage stage, Supplier<T> work) {
        String label = stage.name().toLowerCase(java.util.Locale.ROOT);
        long start = System.nanoTime();
        try {
            return work.get();
        } catch (PipelineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PipelineException(stage, run == null ? null : run.id(), e);
        } finally {
            Duration spent = Duration.ofNanos(System.nanoTime() - start);
            timings.merge(stage, spent, Duration::plus);
            listener.onProgress(new ProgressEvent(ProgressEvent.Stage.PIPELINE, label, stage.ordinal() + 1, STAGES,
                    String.format(java.util.Locale.ROOT, "%.2f s", spent.toNanos() / 1e9)));
        }
    }

    private PipelineResult result(PipelineResult.Outcome outcome, String reason, ModelVersion registered) {
        if (run != null) {
            timings.forEach((stage, spent) -> run.logMetric("stage." + stage.name().toLowerCase(java.util.Locale.ROOT)
                    + ".seconds", spent.toNanos() / 1e9));
            run.tag("pipeline.reason", ShortText.cut(reason, 1_000));
            if (!fromCache.isEmpty()) {
                run.tag("pipeline.cached", fromCache.toString());
            }
        }
        return new PipelineResult(pipeline.displayName(), outcome, reason, validation, trainRows, testRows, bundle,
                tuned, metrics, championVersion, championMetrics, gates, run == null ? null : run.id(), registered,
                timings, fromCache, deployed);
    }

    // ---- what the run records -----------------------------------------------------------------------

    private void logParams() {
        if (run == null) {
            return;
        }
        run.logJson(PipelineRecord.ARTIFACT, PipelineRecord.toJson(pipeline));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pipeline.source", pipeline.source.name());
        params.put("pipeline.target", pipeline.target);
        params.put("pipeline.test", pipeline.testSource == null ? pipeline.splitter.toString()
                : "source " + pipeline.testSource.name());
        params.put("pipeline.checks", pipeline.checks.stream().map(c -> c.description()).toList().toString());
        params.put("pipeline.prepare", pipeline.steps.toString());
        params.put("pipeline.gates", pipeline.gates.stream().map(g -> g.description()).toList().toString());
        if (pipeline.trainer != null) {
            params.put("train.algorithm", pipeline.trainer.algorithm());
            params.put("train.seed", Long.toString(pipeline.trainer.seed()));
            pipeline.trainer.hyperparameters().forEach((key, value) -> params.put("train." + key, value));
        } else {
            params.put("train.tuning", pipeline.tuning.trials() + " trials");
        }
        if (pipeline.registry != null) {
            params.put("pipeline.register", pipeline.model + (pipeline.alias == null ? "" : "@" + pipeline.alias));
        }
        params.replaceAll((key, value) -> ShortText.cut(value, 500));
        run.logParams(params);
    }

    private void logValidation() {
        if (run == null || pipeline.checks.isEmpty()) {
            return;
        }
        run.logArtifact("validation.txt", validation.toString().getBytes(StandardCharsets.UTF_8));
        run.logMetric("validation.errors", validation.errors().size());
        run.logMetric("validation.warnings", validation.warnings().size());
    }

    private void logDecisions() {
        if (run == null) {
            return;
        }
        finite(metrics).forEach((name, value) -> run.logMetric("test." + name, value));
        finite(championMetrics).forEach((name, value) -> run.logMetric("champion." + name, value));
        if (championVersion > 0) {
            run.tag("pipeline.champion", pipeline.model + "/" + championVersion);
        }
        for (int i = 0; i < gates.size(); i++) {
            GateResult gate = gates.get(i);
            run.tag("gate." + (i + 1), ShortText.cut((gate.passed() ? "passed: " : "failed: ") + gate.gate() + " ("
                    + gate.reason() + ")", 1_000));
        }
    }

    private static Map<String, Double> finite(Map<String, Double> metrics) {
        Map<String, Double> kept = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            if (value != null && Double.isFinite(value)) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}

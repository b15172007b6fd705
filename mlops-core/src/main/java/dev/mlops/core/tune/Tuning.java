package dev.mlops.core.tune;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.tracking.Run;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.eval.CrossValidation;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.split.KFold;
import dev.mlops.core.split.Partition;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.AlgorithmTrainer;
import dev.mlops.core.train.Progress;
import dev.mlops.core.train.PreparedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grid or random search over a {@link SearchSpace}, scoring each configuration by cross-validation
 * or on a validation split, in parallel. A trial that throws is recorded as failed (score NaN, its
 * error kept) and the search goes on; only when every trial fails does the search throw, with the
 * first trial's exception. Given the same seed, data and space the result is the
 * same whatever the parallelism: configurations are fixed before any trial runs, every trainer is
 * seeded, and trials are reported in search order.
 *
 * <pre>{@code
 * TuningResult result = Tuning.random(Algorithms.tribuo().xgboost(), space, 20)
 *         .crossValidation(Split.kFold(3).stratifiedBy("Salary").seed(42))
 *         .optimize("rocAuc", true)
 *         .track(parentRun)                 // each trial becomes a nested run
 *         .run(train, "Salary", steps);
 * }</pre>
 *
 * @since 0.1
 */
public final class Tuning implements dev.mlops.api.pipeline.Reproducible {

    /** Observes finished trials, possibly from several threads at once. */
    @FunctionalInterface
    public interface TrialListener {
        /** Called once per finished trial. */
        void onTrial(Trial trial);
    }

    private final AlgorithmTrainer<?> trainer;
    private final List<Map<String, Object>> configs;
    private final KFold kFold;
    private final Split validation;
    private final String metric;
    private final boolean maximize;
    private final int parallelism;
    private final ProgressListener listener;
    private final TrialListener trialListener;
    private final Run parent;
    private final java.time.Clock clock;

    private Tuning(AlgorithmTrainer<?> trainer, List<Map<String, Object>> configs, KFold kFold, Split validation,
            String metric, boolean maximize, int parallelism, ProgressListener listener, TrialListener trialListener,
            Run parent, java.time.Clock clock) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.configs = List.copyOf(configs);
        this.kFold = kFold;
        this.validation = validation;
        this.metric = metric;
        this.maximize = maximize;
        this.parallelism = parallelism;
        this.listener = listener;
        this.trialListener = trialListener;
        this.parent = parent;
        this.clock = clock;
    }

    /**
     * Every combination of the space's listed values.
     *
     * @throws IllegalArgumentException if the space holds a range (uniform, log-uniform or integers)
     *         rather than listed values
     */
    public static Tuning grid(AlgorithmTrainer<?> trainer, SearchSpace space) {
        return create(trainer, space.grid());
    }

    /**
     * {@code trials} configurations drawn from the space with seed {@value AlgorithmTrainer#DEFAULT_SEED}.
     *
     * @throws IllegalArgumentException if {@code trials} is below 1
     */
    public static Tuning random(AlgorithmTrainer<?> trainer, SearchSpace space, int trials) {
        return random(trainer, space, trials, AlgorithmTrainer.DEFAULT_SEED);
    }

    /**
     * {@code trials} configurations drawn from the space with a generator seeded by {@code seed}.
     *
     * @throws IllegalArgumentException if {@code trials} is below 1
     */
    public static Tuning random(AlgorithmTrainer<?> trainer, SearchSpace space, int trials, long seed) {
        if (trials < 1) {
            throw new IllegalArgumentException("at least one trial is needed, not " + trials);
        }
        return create(trainer, space.sample(trials, seed));
    }

    /**
     * A search over exactly {@code configurations} (each a map of hyperparameters by name, as
     * {@link AlgorithmTrainer#with(Map)} takes), in order.
     *
     * @throws IllegalArgumentException if there is none, or one is unknown or out of range for the trainer
     */
    public static Tuning configurations(AlgorithmTrainer<?> trainer, List<? extends Map<String, ?>> configurations) {
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("at least one configuration is needed");
        }
        List<Map<String, Object>> copies = new ArrayList<>();
        for (Map<String, ?> configuration : configurations) {
            copies.add(new LinkedHashMap<>(configuration));
        }
        return create(trainer, copies);
    }

    /**
     * {@code tuning[trainer, configurations, folds or null, validation split or null, metric,
     * maximize, parallelism]}, nested recipes as maps; the listeners and the parent run are not part of it.
     */
    @Override
    public dev.mlops.api.pipeline.Recipe recipe() {
        return dev.mlops.api.pipeline.Recipe.of("tuning", trainer.recipe().asMap(), configs,
                kFold == null ? null : kFold.recipe().asMap(), validation == null ? null : validation.recipe().asMap(),
                metric, maximize, parallelism);
    }

    private static Tuning create(AlgorithmTrainer<?> trainer, List<Map<String, Object>> configs) {
        for (Map<String, Object> config : configs) {
            trainer.with(config); // every configuration is checked before any trial runs
        }
        return new Tuning(trainer, configs, null, null, // null folds and split: the default, chosen per run
                trainer.task() == dev.mlops.api.model.Task.CLASSIFICATION ? "accuracy" : "rmse",
                trainer.task() == dev.mlops.api.model.Task.CLASSIFICATION,
                Runtime.getRuntime().availableProcessors(), ProgressListener.none(), trial -> {
                }, null, java.time.Clock.systemUTC());
    }

    /**
     * Scores each trial by cross-validation over these folds (the default is 5 folds, seed 42,
     * stratified by the target for a classifier).
     */
    public Tuning crossValidation(KFold folds) {
        return new Tuning(trainer, configs, Objects.requireNonNull(folds), null, metric, maximize, parallelism, listener,
                trialListener, parent, clock);
    }

    /** Scores each trial on the test part of this split, training on its train part. */
    public Tuning validation(Split split) {
        return new Tuning(trainer, configs, null, Objects.requireNonNull(split), metric, maximize, parallelism,
                listener, trialListener, parent, clock);
    }

    /**
     * Optimizes {@code metricName} (a headline metric such as {@code accuracy}, {@code rocAuc},
     * {@code macroF1}, {@code rmse}); the default is accuracy, maximized, or RMSE, minimized.
     */
    public Tuning optimize(String metricName, boolean larger) {
        return new Tuning(trainer, configs, kFold, validation, Objects.requireNonNull(metricName), larger, parallelism,
                listener, trialListener, parent, clock);
    }

    /**
     * Runs at most {@code threads} trials at once (default: the available processors).
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public Tuning parallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + threads);
        }
        return new Tuning(trainer, configs, kFold, validation, metric, maximize, threads, listener, trialListener,
                parent, clock);
    }

    /** Reports TRIAL progress to {@code progress}. */
    public Tuning listener(ProgressListener progress) {
        return new Tuning(trainer, configs, kFold, validation, metric, maximize, parallelism, Progress.guard(progress),
                trialListener, parent, clock);
    }

    /** Calls {@code observer} with each finished trial (a hook for custom tracking). */
    public Tuning onTrial(TrialListener observer) {
        return new Tuning(trainer, configs, kFold, validation, metric, maximize, parallelism, listener,
                Objects.requireNonNull(observer), parent, clock);
    }

    /**
     * Records each trial as a nested run of {@code parentRun}, named {@code trial-<index>}, with the
     * trial's hyperparameters as params, its metrics (and fold deviations as {@code <metric>.std}),
     * and the tag {@code tuning.score}. A failed trial's run ends {@code FAILED} with its error in
     * the tag {@code tuning.error}.
     */
    public Tuning track(Run parentRun) {
        return new Tuning(trainer, configs, kFold, validation, metric, maximize, parallelism, listener, trialListener,
                Objects.requireNonNull(parentRun), clock);
    }

    /** The clock stamped in the refitted best model's metadata (the system clock by default). */
    public Tuning clock(java.time.Clock stamp) {
        return new Tuning(trainer, configs, kFold, validation, metric, maximize, parallelism, listener, trialListener,
                parent, Objects.requireNonNull(stamp, "clock"));
    }

    /** How many trials the search will run. */
    public int trials() {
        return configs.size();
    }

    /**
     * Runs every trial, then refits the best configuration on all of {@code data}.
     *
     * @throws IllegalArgumentException if the optimized metric is not among the trial metrics
     */
    public TuningResult run(Frame data, String target, Prep.StepChain steps) {
        Objects.requireNonNull(data, "data");
        ProgressListener progress = Progress.guard(listener);
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRIAL, trainer.algorithm(), 0, configs.size(), ""));
        AtomicInteger done = new AtomicInteger();
        ConcurrentSkipListMap<Integer, RuntimeException> failures = new ConcurrentSkipListMap<>();
        Partition partition = validation == null ? null : validation.apply(data);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, configs.size()), runnable -> {
            Thread thread = new Thread(runnable, "mlops-tuning");
            thread.setDaemon(true);
            return thread;
        });
        List<Trial> trials = new ArrayList<>();
        try {
            List<Future<Trial>> futures = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Trial trial = attempt(index, data, target, steps, partition, failures);
                    report(trial);
                    progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRIAL, trainer.algorithm(),
                            done.incrementAndGet(), configs.size(), trial.config() + " " + metric + " "
                            + String.format(java.util.Locale.ROOT, "%.4f", trial.score())));
                    return trial;
                }));
            }
            for (Future<Trial> future : futures) {
                trials.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tuning was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a tuning trial failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        List<Trial> succeeded = trials.stream().filter(Trial::succeeded).toList();
        if (succeeded.isEmpty()) {
            throw failures.firstEntry().getValue();
        }
        TuningResult ranked = new TuningResult(metric, maximize, trials, succeeded.get(0), null);
        Trial best = ranked.ranked().get(0);
        AlgorithmTrainer<?> chosen = trainer.with(best.config());
        ModelBundle model = ModelBundle.trained(PreparedModel.fit(chosen, data, target, steps, ProgressListener.none()),
                chosen, data, target, clock.instant()).withMetrics(best.metrics());
        return new TuningResult(metric, maximize, trials, best, model);
    }

    /** The folds: as given, or 5 seeded folds, stratified by the target when the trainer classifies. */
    private KFold folds(String target) {
        if (kFold != null) {
            return kFold;
        }
        KFold folds = Split.kFold(5).seed(AlgorithmTrainer.DEFAULT_SEED);
        return trainer.task() == dev.mlops.api.model.Task.CLASSIFICATION ? folds.stratifiedBy(target) : folds;
    }

    /** Runs a trial; a failure becomes a failed trial, its exception kept by index for the all-failed case. */
    private Trial attempt(int index, Frame data, String target, Prep.StepChain steps, Partition partition,
            Map<Integer, RuntimeException> failures) {
        long start = System.nanoTime();
        try {
            return runTrial(index, data, target, steps, partition);
        } catch (RuntimeException e) {
            failures.put(index, e);
            org.slf4j.LoggerFactory.getLogger(Tuning.class).warn("tuning trial {} {} failed", index, configs.get(index), e);
            return new Trial(index, configs.get(index), trainer.with(configs.get(index)).hyperparameters(), Map.of(),
                    Map.of(), Double.NaN, Duration.ofNanos(System.nanoTime() - start), String.valueOf(e));
        }
    }

    private Trial runTrial(int index, Frame data, String target, Prep.StepChain steps, Partition partition) {
        long start = System.nanoTime();
        AlgorithmTrainer<?> configured = trainer.with(configs.get(index));
        Map<String, Double> metrics;
        Map<String, Double> deviations = new LinkedHashMap<>();
        if (partition != null) {
            // a trial's model needs no profile or fingerprint: only the refitted best does
            PreparedModel model = PreparedModel.fit(configured, partition.train(), target, steps,
                    ProgressListener.none());
            metrics = Evaluation.metrics(model, partition.test());
        } else {
            CrossValidation.Result cv = CrossValidation.run(configured, data, target, steps, folds(target),
                    ProgressListener.none());
            metrics = cv.means();
            cv.summary().forEach((name, stats) -> deviations.put(name, stats.std()));
        }
        Double score = metrics.get(metric);
        if (score == null) {
            throw new IllegalArgumentException("no metric '" + metric + "' to optimize; metrics are " + metrics.keySet());
        }
        return new Trial(index, configs.get(index), configured.hyperparameters(), metrics, deviations, score,
                Duration.ofNanos(System.nanoTime() - start), null);
    }

    private void report(Trial trial) {
        try {
            trialListener.onTrial(trial);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Tuning.class).warn("trial listener threw on trial {}", trial.index(), e);
        }
        if (parent != null) {
            synchronized (parent) {
                try (Run child = parent.startChild("trial-" + trial.index())) {
                    child.logParams(trial.hyperparameters());
                    if (!trial.succeeded()) {
                        child.tag("tuning.error", trial.error().length() > 8000 ? trial.error().substring(0, 8000)
                                : trial.error());
                        child.end(dev.mlops.api.tracking.RunStatus.FAILED);
                        return;
                    }
                    child.logParam("seed", Long.toString(trainer.seed()));
                    trial.metrics().forEach((name, value) -> {
                        if (!Double.isNaN(value)) {
                            child.logMetric(name, value, 0);
                        }
                    });
                    trial.deviations().forEach((name, value) -> {
                        if (!Double.isNaN(value)) {
                            child.logMetric(name + ".std", value, 0);
                        }
                    });
                    child.tag("tuning.score", Double.toString(trial.score()));
                }
            }
        }
    }
}

package dev.mlops.serving;

import dev.mlops.api.Frame;
import dev.mlops.api.pipeline.Gate;
import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.eval.Evaluation;
import dev.mlops.core.pipeline.ModelRegistrations;
import dev.mlops.core.pipeline.Retraining;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.MonitorListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous training for a deployment: when a trigger fires (an alarm of the kinds named, the
 * schedule, or enough new reviewed labels), it reads fresh data, asks the {@link Retraining} step
 * for a candidate, scores the candidate and the champion (the version the deployment's alias names)
 * on the same holdout, and, only if the candidate passes every gate (for example
 * {@code Gates.beatsChampion("accuracy", 0.005)}), registers it, moves the alias, and has the
 * deployment swap to it. Never two retrainings at once; none within the cooldown after one ends; a
 * retraining that fails leaves the champion serving. Each is recorded: an outcome in
 * {@link #history()} and, with a tracker, a run (trigger, fresh data as a dataset version, both
 * models' metrics, the decision); the registry's audit log has the registration and the move.
 *
 * <pre>{@code
 * RetrainingPolicy policy = RetrainingPolicy.of(deployment, tracker.registry(), pipeline.asRetraining())
 *         .data(() -> freshRows()).holdout(holdout).gate(Gates.beatsChampion("accuracy", 0.005))
 *         .cooldown(Duration.ofHours(6)).track(tracker).start();
 * // as the deployment's MonitorListener, its alarms trigger it; or policy.retrain("by hand")
 * }</pre>
 *
 * @since 0.1
 */
public final class RetrainingPolicy implements MonitorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingPolicy.class);
    private static final int KEPT_OUTCOMES = 100;

    private final Deployment deployment;
    private final ModelRegistry registry;
    private final Retraining step;
    private final Supplier<Frame> data;
    private final Frame holdout;
    private final List<Gate> gates;
    private final Set<Alarm.Kind> onAlarms;
    private final Duration cooldown;
    private final Clock clock;
    private final Tracker tracker;
    private final ReviewQueue reviews;
    private final int reviewsNeeded;
    private final ExecutorService worker;
    private final ScheduledExecutorService schedule;
    private final ScheduledFuture<?> ticking;
    private final AtomicBoolean running = new AtomicBoolean();
    /** A trigger handed to the worker and not yet started: further triggers meanwhile are BUSY. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean closed;
    private final List<RetrainingOutcome> history = new ArrayList<>();
    private volatile Instant lastEnded = Instant.MIN;
    private volatile Instant lastScheduled = Instant.MIN;
    private volatile int reviewedAtLast;

    private RetrainingPolicy(Builder b) {
        this.deployment = b.deployment;
        this.registry = b.registry;
        this.step = b.step;
        this.data = b.data;
        this.holdout = b.holdout;
        this.gates = List.copyOf(b.gates);
        this.onAlarms = b.onAlarms.isEmpty() ? Set.of() : EnumSet.copyOf(b.onAlarms);
        this.cooldown = b.cooldown;
        this.clock = b.clock;
        this.tracker = b.tracker;
        this.reviews = b.reviews;
        this.reviewsNeeded = b.reviewsNeeded;
        this.reviewedAtLast = reviews == null ? 0 : reviews.reviewed().size();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "mlops-retraining-" + deployment.name());
            thread.setDaemon(true);
            return thread;
        });
        if (b.every != null || reviews != null) {
            this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "mlops-retraining-schedule-" + deployment.name());
                thread.setDaemon(true);
                return thread;
            });
            Duration scheduled = b.every;
            long period = Math.min(scheduled != null ? scheduled.toMillis() : Long.MAX_VALUE,
                    Duration.ofMinutes(1).toMillis());
            this.ticking = schedule.scheduleWithFixedDelay(() -> tick(scheduled), period, period,
                    TimeUnit.MILLISECONDS);
        } else {
            this.schedule = null;
            this.ticking = null;
        }
    }

    /**
     * A policy for {@code deployment} (whose alias names the champion in {@code registry}), making
     * candidates with {@code step}; configure, then {@link Builder#start()}.
     */
    public static Builder of(Deployment deployment, ModelRegistry registry, Retraining step) {
        return new Builder(deployment, registry, step);
    }

    /** Starts a retraining off the caller's thread, for {@code trigger}; its outcome goes to {@link #history()}. */
    public void trigger(String trigger) {
        if (closed) {
            LOG.warn("retraining of {} not started ({}): the policy is closed", deployment.name(), trigger);
            return;
        }
        if (running.get() || !queued.compareAndSet(false, true)) { // one waits or runs already: no pile-up
            remember(outcome(RetrainingOutcome.Decision.BUSY, trigger, "another retraining is running or about to",
                    Map.of(), Map.of(), 0, null));
            return;
        }
        try {
            worker.execute(() -> {
                queued.set(false);
                if (!closed) { // a trigger still waiting when the policy closed is dropped
                    retrain(trigger);
                }
            });
        } catch (RuntimeException rejected) {
            queued.set(false);
            LOG.warn("retraining of {} not started ({}): the policy is closed", deployment.name(), trigger);
        }
    }

    /** An alarm of a kind the policy retrains on starts a retraining. */
    @Override
    public void raised(Alarm alarm) {
        if (onAlarms.contains(alarm.kind())) {
            trigger("alarm " + alarm.kind() + " on " + alarm.subject() + " (" + alarm.source() + ", window "
                    + alarm.window() + ")");
        }
    }

    /** Checks the reviews, then the schedule; either can trigger (one retraining a tick at most). */
    private void tick(Duration every) {
        try {
            Instant now = clock.instant();
            if (reviews != null) {
                int newLabels = reviews.reviewed().size() - reviewedAtLast;
                if (newLabels >= reviewsNeeded) {
                    trigger(newLabels + " new reviewed labels");
                    lastScheduled = now; // a retraining now counts for the schedule too
                    return;
                }
            }
            if (every != null && !now.isBefore(lastScheduled.plus(every))) {
                lastScheduled = now;
                trigger("schedule");
            }
        } catch (RuntimeException e) {
            LOG.warn("retraining schedule of {}: {}", deployment.name(), e.toString());
        }
    }

    /**
     * Retrains now, on the caller's thread, for {@code trigger}, unless another retraining runs or the
     * last ended within the cooldown.
     */
    public RetrainingOutcome retrain(String trigger) {
        Objects.requireNonNull(trigger, "trigger");
        if (closed) {
            throw new IllegalStateException("the retraining policy of " + deployment.name() + " is closed");
        }
        if (!running.compareAndSet(false, true)) {
            return remember(outcome(RetrainingOutcome.Decision.BUSY, trigger, "another retraining is running",
                    Map.of(), Map.of(), 0, null));
        }
        try {
            Instant now = clock.instant();
            if (now.isBefore(lastEnded.plus(cooldown))) {
                return remember(outcome(RetrainingOutcome.Decision.COOLING_DOWN, trigger, "the last retraining ended at "
                        + lastEnded + "; the cooldown of " + cooldown + " has not passed", Map.of(), Map.of(), 0, null));
            }
            try {
                return remember(decide(trigger));
            } finally {
                lastEnded = clock.instant();
            }
        } finally {
            running.set(false);
        }
    }

    private RetrainingOutcome decide(String trigger) {
        String reference = deployment.reference();
        String model = reference.substring(0, reference.indexOf('@'));
        String alias = reference.substring(reference.indexOf('@') + 1);
        Run run = recording(() -> tracker.experiment("retraining").start(deployment.name()));
        Map<String, Double> challenger = Map.of();
        Map<String, Double> champion = Map.of();
        int registeredVersion = 0;
        int championVersion = 0;
        boolean aliasMoved = false;
        try {
            record(run, r -> {
                r.logParam("trigger", trigger);
                r.logParam("deployment", deployment.name());
            });
            if (reviews != null) {
                reviewedAtLast = reviews.reviewed().size();
            }
            Frame fresh = Objects.requireNonNull(data.get(), "the data supplier gave no frame");
            dev.mlops.api.tracking.DatasetVersion[] freshVersion = new dev.mlops.api.tracking.DatasetVersion[1];
            record(run, r -> {
                freshVersion[0] = tracker.datasets().log("retraining-" + model, fresh);
                r.logInput(freshVersion[0], DatasetRole.TRAIN);
            });
            ModelBundle candidate = Objects.requireNonNull(step.retrain(fresh), "the retraining step gave no model");
            ModelVersion serving = registry.version(reference);
            championVersion = serving.version();
            ModelBundle championBundle = ModelRegistrations.load(registry, model + "/" + serving.version());
            challenger = Evaluation.metrics(candidate, holdout);
            champion = Evaluation.metrics(championBundle, holdout);
            Map<String, Double> scoredChallenger = challenger;
            Map<String, Double> scoredChampion = champion;
            record(run, r -> {
                log(r, "challenger.", scoredChallenger);
                log(r, "champion.", scoredChampion);
            });
            List<String> failed = new ArrayList<>();
            if (!candidate.signature().inputs().equals(championBundle.signature().inputs())) {
                failed.add("the candidate takes other inputs than the champion's callers send ("
                        + candidate.signature().inputs().names() + " against "
                        + championBundle.signature().inputs().names() + ")");
            }
            for (Gate gate : gates) {
                GateResult result = gate.check(challenger, champion);
                if (!result.passed()) {
                    failed.add(result.gate() + " (" + result.reason() + ")");
                }
            }
            if (!failed.isEmpty()) {
                RetrainingOutcome refused = outcome(RetrainingOutcome.Decision.REFUSED, trigger, "not promoted: "
                        + String.join("; ", failed) + "; version " + serving.version() + " serves on", challenger,
                        champion, 0, run);
                end(run, refused, null);
                return refused;
            }
            // the fresh data is the new version's lineage when the tracker keeps this registry's datasets
            boolean sameStore = tracker != null && tracker.registry() == registry && freshVersion[0] != null;
            ModelVersion registered = ModelRegistrations.register(registry, model, candidate.withMetrics(challenger),
                    run, sameStore ? new dev.mlops.api.tracking.DatasetVersion[] {freshVersion[0]}
                            : new dev.mlops.api.tracking.DatasetVersion[0]);
            registeredVersion = registered.version();
            // why it was made, in the registry's audit log as well as in the run
            registry.tagVersion(model + "/" + registered.version(), "retraining", cut("trigger: " + trigger
                    + "; challenger " + challenger + "; champion (version " + serving.version() + ") " + champion,
                    1_000));
            registry.setAlias(model, alias, registered.version());
            aliasMoved = true;
            int serves = deployment.refresh();
            if (serves != registered.version()) {
                throw new IllegalStateException("the deployment refused version " + registered.version()
                        + " and serves " + serves);
            }
            RetrainingOutcome promoted = outcome(RetrainingOutcome.Decision.PROMOTED, trigger, "version "
                    + registered.version() + " registered and named @" + alias + " in place of " + serving.version()
                    + "; the deployment serves " + serves, challenger, champion, registered.version(), run);
            end(run, promoted, null);
            return promoted;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) { // a native backend's linkage error too: the champion must go on serving
            String undone = "";
            if (aliasMoved) {
                try {
                    registry.setAlias(model, alias, championVersion);
                    undone = "; @" + alias + " moved back to version " + championVersion;
                } catch (RuntimeException restoreFailed) {
                    undone = "; @" + alias + " could not be moved back to version " + championVersion + ": "
                            + restoreFailed.getMessage();
                }
            } else if (registeredVersion > 0) {
                undone = "; version " + registeredVersion + " stays registered, not named @" + alias;
            }
            RetrainingOutcome failed = outcome(RetrainingOutcome.Decision.FAILED, trigger, "the champion serves on: "
                    + e + undone, challenger, champion, registeredVersion, run);
            LOG.warn("retraining of {} failed: {}", deployment.name(), failed.reason());
            end(run, failed, e);
            return failed;
        }
    }

    /** Does {@code action} on the run, if there is one; a tracker that fails is logged, never a decision. */
    private void record(Run run, java.util.function.Consumer<Run> action) {
        if (run != null) {
            try {
                action.accept(run);
            } catch (RuntimeException e) {
                LOG.warn("the retraining run of {} could not record: {}", deployment.name(), e.toString());
            }
        }
    }

    /** The run that records a retraining, or null when not tracked or the tracker cannot start one. */
    private Run recording(Supplier<Run> start) {
        if (tracker == null) {
            return null;
        }
        try {
            return start.get();
        } catch (RuntimeException e) {
            LOG.warn("the retraining of {} is not recorded: its run could not start: {}", deployment.name(),
                    e.toString());
            return null;
        }
    }

    private static void log(Run run, String prefix, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> {
            if (Double.isFinite(value)) {
                run.logMetric(prefix + name, value);
            }
        });
    }

    /** Ends the run with the outcome's decision: FAILED with {@code error}, else FINISHED; each part on its own. */
    private void end(Run run, RetrainingOutcome outcome, Throwable error) {
        if (run == null) {
            return;
        }
        record(run, r -> r.tag("decision", outcome.decision().name()));
        record(run, r -> r.tag("reason", cut(outcome.reason(), 500)));
        record(run, r -> {
            if (error != null) {
                r.fail(error);
            } else {
                r.end(RunStatus.FINISHED);
            }
        });
        record(run, Run::close);
    }

    /** At most {@code length} characters, never ending inside a surrogate pair. */
    private static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    private RetrainingOutcome outcome(RetrainingOutcome.Decision decision, String trigger, String reason,
            Map<String, Double> challenger, Map<String, Double> champion, int version, Run run) {
        return new RetrainingOutcome(decision, trigger, reason, challenger, champion, version, clock.instant(),
                run == null ? null : run.id());
    }

    private RetrainingOutcome remember(RetrainingOutcome outcome) {
        synchronized (history) {
            history.add(outcome);
            while (history.size() > KEPT_OUTCOMES) {
                history.remove(0);
            }
        }
        LOG.info("retraining of {}: {}", deployment.name(), outcome);
        return outcome;
    }

    /** The outcomes so far, the oldest first (the last 100). */
    public List<RetrainingOutcome> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * Stops the schedule, drops triggers waiting to start, and lets a running retraining finish (for
     * at most a minute); triggers afterwards do nothing, and {@link #retrain} throws.
     */
    @Override
    public void close() {
        closed = true;
        if (ticking != null) {
            ticking.cancel(false);
            schedule.shutdownNow();
        }
        worker.shutdown(); // no interrupt: a retraining in progress writes to the store and ends on its own
        try {
            worker.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How a policy retrains. Defaults: retrain on drift and performance alarms, cooldown one hour; at least one gate is required. */
    public static final class Builder {
        private final Deployment deployment;
        private final ModelRegistry registry;
        private final Retraining step;
        private Supplier<Frame> data;
        private Frame holdout;
        private final List<Gate> gates = new ArrayList<>();
        private Set<Alarm.Kind> onAlarms = EnumSet.of(Alarm.Kind.FEATURE_DRIFT, Alarm.Kind.DATASET_DRIFT,
                Alarm.Kind.PREDICTION_DRIFT, Alarm.Kind.ESTIMATED_PERFORMANCE, Alarm.Kind.MEASURED_PERFORMANCE);
        private Duration cooldown = Duration.ofHours(1);
        private Duration every;
        private Clock clock = Clock.systemUTC();
        private Tracker tracker;
        private ReviewQueue reviews;
        private int reviewsNeeded;

        private Builder(Deployment deployment, ModelRegistry registry, Retraining step) {
            this.deployment = Objects.requireNonNull(deployment, "deployment");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.step = Objects.requireNonNull(step, "retraining step");
        }

        /** Where fresh training data comes from, read at each retraining. */
        public Builder data(Supplier<Frame> fresh) {
            this.data = Objects.requireNonNull(fresh, "data");
            return this;
        }

        /** The rows champion and candidate are both scored on (with the target). */
        public Builder holdout(Frame rows) {
            this.holdout = Objects.requireNonNull(rows, "holdout");
            return this;
        }

        /** Gates the candidate must pass, given its metrics and the champion's on the holdout. */
        public Builder gate(Gate... required) {
            for (Gate gate : required) {
                gates.add(Objects.requireNonNull(gate, "gate"));
            }
            return this;
        }

        /** The alarm kinds that start a retraining (none: alarms do not). */
        public Builder onAlarms(Alarm.Kind... kinds) {
            this.onAlarms = kinds.length == 0 ? Set.of() : EnumSet.copyOf(List.of(kinds));
            return this;
        }

        /**
         * The quiet time after a retraining ends, during which triggers do nothing.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cooldown(Duration quiet) {
            if (quiet.isNegative()) {
                throw new IllegalArgumentException("a cooldown is not negative: " + quiet);
            }
            this.cooldown = quiet;
            return this;
        }

        /**
         * Retrains every {@code period} as well.
         *
         * @throws IllegalArgumentException unless the period is at least a second
         */
        public Builder every(Duration period) {
            if (period.toMillis() < 1_000) {
                throw new IllegalArgumentException("a retraining schedule is at least a second apart: " + period);
            }
            this.every = period;
            return this;
        }

        /**
         * Retrains once {@code count} new labels have been reviewed in {@code queue} since the last
         * retraining (checked every minute).
         *
         * @throws IllegalArgumentException unless the count is positive
         */
        public Builder afterReviews(ReviewQueue queue, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a count of reviewed labels is positive: " + count);
            }
            this.reviews = Objects.requireNonNull(queue, "review queue");
            this.reviewsNeeded = count;
            return this;
        }

        /** The clock of the cooldown and the outcomes. */
        public Builder clock(Clock policyClock) {
            this.clock = Objects.requireNonNull(policyClock, "clock");
            return this;
        }

        /** Records each retraining as a run of the experiment {@code retraining} in {@code into}. */
        public Builder track(Tracker into) {
            this.tracker = Objects.requireNonNull(into, "tracker");
            return this;
        }

        /**
         * The policy, listening from now on.
         *
         * @throws IllegalStateException if no data supplier or holdout was given
         */
        public RetrainingPolicy start() {
            if (data == null || holdout == null) {
                throw new IllegalStateException("a retraining policy needs data(...) and holdout(...)");
            }
            if (gates.isEmpty()) {
                throw new IllegalStateException("a retraining policy needs at least one gate, such as"
                        + " Gates.beatsChampion(\"accuracy\", 0.005): without one any candidate would be promoted");
            }
            return new RetrainingPolicy(this);
        }
    }
}

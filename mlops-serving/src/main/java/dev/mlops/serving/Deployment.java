package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Signature;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named slot serving a registry alias, such as {@code income@champion}, that never fails a
 * request because the alias moved. When the alias names another version (seen by polling on an
 * interval, or on {@link #refresh()}), that version is loaded, verified, warmed with sample rows and
 * checked ({@link VersionCheck}) off the request path, then swapped in by one write of a reference.
 * A request finishes on the version it started on; a version is released when the last request on
 * it has ended. A version that fails to load, warm or check never replaces the one serving: the
 * slot keeps serving, reports the failure once ({@link DeploymentListener}, metrics) and does not
 * try that version again until the alias names it anew. {@link #rollback()} moves the alias back to
 * the version served before, in the registry (so its audit log records it, and every JVM following
 * the alias converges), and serves it at once. Requests can also be shared with one other version:
 * an A/B {@link #split}, a {@link #shadow}, or a {@link #canary} that grows and is promoted or rolled
 * back on its own; each such change is recorded in the registry (a model tag, in its audit log) and
 * adopted by every deployment of the alias on its next poll. Moving the alias ends any sharing.
 *
 * <pre>{@code
 * try (Deployment income = Deployment.of(tracker.registry(), "income@champion").start()) {
 *     Prediction p = income.predict(row);          // p.origin(): the version that answered
 *     DeploymentStats stats = income.stats();      // per version: requests, errors, p50/p95/p99
 * }
 * }</pre>
 *
 * <p>Thread-safe. Changes of the served version are made by one writer at a time (polling,
 * {@code refresh}, {@code rollback}); requests never wait for them.
 *
 * @since 0.1
 */
public final class Deployment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);
    private static final int WARM_UP_ROUNDS = 200;
    /** Versions whose metrics are kept, the serving one included: a long-lived slot does not grow. */
    private static final int KEPT_METRICS = 8;

    private final String name;
    private final ModelRegistry registry;
    private final String reference;
    private final String model;
    private final String alias;
    private final RequestPolicy policy;
    private final Clock clock;
    private final VersionCache cache;
    private final List<Features> warmUp;
    private final VersionCheck check;
    private final int memoEntries;
    /** How each served version is watched; null when the deployment does not monitor. */
    private final MonitorSettings monitoring;
    /** Answers waiting for their labels; null when the deployment does not monitor. */
    private final PendingLabels pendingLabels;
    /** Where answers given with little confidence go for review; null when none is set. */
    private final ReviewRouting review;
    private final dev.mlops.api.tracking.ReviewQueue reviewQueue;
    private final GuardedListener listener;
    private final ReentrantLock writer = new ReentrantLock();
    private final Set<Integer> refused = new HashSet<>();
    /** Keyed {@code version/role}, in the order they last started serving. */
    private final Map<String, VersionMetrics> metrics = new LinkedHashMap<>();
    private final AtomicLong loadFailures = new AtomicLong();
    private final AtomicLong swaps = new AtomicLong();
    private final List<Runnable> changeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ownScheduler;
    private final Runnable pendingPoll;
    private ScheduledFuture<?> polling;
    private String lastLookupFailure;
    /** The version the alias named at the last lookup; a refused version is tried again when named anew. */
    private int lastNamed;
    private Predictor previous;
    private volatile ServedVersion current;
    /** What requests read: the primary ({@link #current}), and at most one other version, with its share. */
    private volatile Routing routing;
    private TrafficMachine.State trafficState;
    /** The registry's traffic record last adopted (or written) here. */
    private String adoptedRecord;
    private final Shadowing shadowing;
    private volatile boolean closed;

    private Deployment(Builder b) {
        this.name = b.name;
        this.registry = b.registry;
        this.reference = b.reference;
        int at = reference.indexOf('@');
        this.model = reference.substring(0, at);
        this.alias = reference.substring(at + 1);
        this.policy = b.policy;
        this.clock = b.clock;
        this.cache = b.cache;
        this.warmUp = List.copyOf(b.warmUp);
        this.check = b.check;
        this.memoEntries = b.memoEntries;
        this.monitoring = b.monitoring;
        this.pendingLabels = b.monitoring == null || b.monitoring.pendingLabels() == 0 ? null
                : new PendingLabels(b.monitoring);
        this.listener = new GuardedListener(b.listener);
        this.shadowing = new Shadowing(name, b.shadowTimeout, listener, this::leave, pendingLabels);
        this.reviewQueue = b.reviewQueue;
        this.review = b.reviewQueue == null ? null
                : new ReviewRouting(b.reviewQueue, b.reviewBelow, name, model, clock);
        this.ownScheduler = b.pollEvery != null && b.scheduler == null
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "mlops-deployment-" + name);
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        ScheduledExecutorService scheduler = b.scheduler != null ? b.scheduler : ownScheduler;
        if (b.pollEvery != null) {
            this.pendingPoll = () -> polling = scheduler.scheduleWithFixedDelay(this::poll,
                    b.pollEvery.toNanos(), b.pollEvery.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            this.pendingPoll = () -> { };
        }
    }

    /**
     * A deployment of {@code reference} ({@code model@alias}), to configure and {@link Builder#start()}.
     *
     * @throws IllegalArgumentException if {@code reference} is not {@code model@alias}
     */
    public static Builder of(ModelRegistry registry, String reference) {
        return new Builder(registry, reference);
    }

    /** Its name (by default, the reference it follows). */
    public String name() {
        return name;
    }

    /** The alias it follows, {@code model@alias}. */
    public String reference() {
        return reference;
    }

    /**
     * The version serving now.
     *
     * @throws IllegalStateException if it is closed
     */
    public int version() {
        return served().version();
    }

    /**
     * The predictor serving now (for its signature or bundle); requests should go through the
     * deployment, which counts them.
     *
     * @throws IllegalStateException if it is closed
     */
    public Predictor predictor() {
        return served().predictor;
    }

    /** The signature of the version serving now. */
    public Signature signature() {
        return predictor().signature();
    }

    /**
     * Predicts one row on the version serving when the call starts.
     *
     * @throws dev.mlops.api.InvalidInputException listing every problem of the row
     * @throws dev.mlops.api.DataException         if the preparation refuses a value
     * @throws IllegalStateException               if the deployment is closed
     */
    public Prediction predict(Features row) {
        Routing routed = routed();
        ServedVersion on = acquire(routed, row);
        long start = System.nanoTime();
        ErrorKind error = null;
        Prediction answer = null;
        try {
            answer = on.predict(row);
            return answer;
        } catch (RuntimeException | Error e) {
            error = ErrorKind.of(e);
            throw e;
        } finally {
            on.finished(System.nanoTime() - start, error);
            if (answer != null) {
                answered(on, row, answer, on == routed.primary);
            }
            leave(on);
            if (answer != null && routed.shadows(row)) {
                shadowing.score(routed.other, row, answer);
            }
        }
    }

    /**
     * Predicts every row on one version, after checking them all (see {@link Predictor#predictAll}).
     *
     * @throws dev.mlops.api.InvalidInputException listing every problem of every row
     * @throws IllegalStateException               if the deployment is closed
     */
    public List<Prediction> predictAll(List<Features> rows) {
        return onPrimary(predictor -> predictor.predictAll(rows), rows::get);
    }

    /**
     * Predicts every row of {@code frame} on one version (see {@link Predictor#predict(Frame)}).
     *
     * @throws dev.mlops.api.InvalidInputException listing every problem by column
     * @throws IllegalStateException               if the deployment is closed
     */
    public List<Prediction> predict(Frame frame) {
        return onPrimary(predictor -> predictor.predict(frame), frame::row);
    }

    /**
     * What follows an answer off the model: its monitor counts it, it waits for its label, and, from
     * the primary, an unsure one goes for review.
     */
    private void answered(ServedVersion on, Features row, Prediction answer, boolean primary) {
        on.watch(row, answer);
        if (pendingLabels != null) {
            pendingLabels.answered(on.monitor, answer);
        }
        if (review != null && primary) {
            review.answered(row, answer);
        }
    }

    /**
     * Runs {@code work} on the primary, counted in flight and in its metrics (a batch is one request);
     * each answer is watched with its row.
     */
    private List<Prediction> onPrimary(java.util.function.Function<Predictor, List<Prediction>> work,
            java.util.function.IntFunction<Features> row) {
        ServedVersion on = acquire();
        long start = System.nanoTime();
        ErrorKind error = null;
        try {
            List<Prediction> answers = work.apply(on.predictor);
            if (on.monitor != null || review != null) {
                for (int i = 0; i < answers.size(); i++) {
                    answered(on, row.apply(i), answers.get(i), true); // each row built once, when watched
                }
            }
            return answers;
        } catch (RuntimeException | Error e) {
            error = ErrorKind.of(e);
            throw e;
        } finally {
            on.finished(System.nanoTime() - start, error);
            leave(on);
        }
    }

    /**
     * Looks up the alias now and, if it names another version, loads, warms, checks and serves it.
     * A version that fails is reported and not served; this call does not throw for it.
     *
     * @return the version serving when the call returns
     * @throws IllegalStateException if the deployment is closed
     */
    public int refresh() {
        writer.lock();
        try {
            requireOpen();
            ModelVersion target;
            try {
                target = registry.version(reference);
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                if (!Objects.equals(lastLookupFailure, e.getMessage())) {
                    lastLookupFailure = e.getMessage();
                    loadFailures.incrementAndGet();
                    LOG.warn("deployment {}: cannot look up {}, still serving version {}: {}", name, reference,
                            version(), e.toString());
                    listener.failed(name, 0, e);
                }
                return version();
            }
            lastLookupFailure = null;
            ServedVersion serving = current;
            int number = target.version();
            if (number != lastNamed) {
                refused.remove(number); // the alias names it anew: it gets another try
                lastNamed = number;
            }
            if (serving != null && serving.version() == number) {
                adoptRecordedTraffic();
                tickCanary();
                return version();
            }
            if (refused.contains(number)) {
                return serving == null ? 0 : serving.version();
            }
            Predictor candidate;
            try {
                candidate = prepare(target);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) { // a check's AssertionError too: a version that fails never serves
                refused.add(number);
                loadFailures.incrementAndGet();
                LOG.warn("deployment {}: version {} of {} is not served: {}", name, number, model, e.toString());
                listener.failed(name, number, e);
                if (serving == null) {
                    throw new IllegalStateException("deployment " + name + " has no version to serve: version "
                            + number + " failed: " + e.getMessage(), e);
                }
                return serving.version();
            }
            swapTo(candidate);
            adoptRecordedTraffic(); // a policy recorded for this version applies again
            return number;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Moves the alias back to the version served before the current one, in the registry (audited),
     * and serves it at once.
     *
     * @return the version serving now
     * @throws IllegalStateException                       if no version served before, or the deployment is closed
     * @throws dev.mlops.api.tracking.ConflictException if the registry refuses the move (an alias that needs
     *         approval, and the earlier version is not approved); nothing changes then
     */
    public int rollback() {
        writer.lock();
        try {
            requireOpen();
            if (previous == null) {
                throw new IllegalStateException("deployment " + name + " has served no other version to roll back to");
            }
            Predictor back = previous;
            int from = version();
            registry.setAlias(model, alias, back.version());
            refused.add(from); // the version rolled back from is not picked up again unless the alias names it anew
            lastNamed = back.version();
            swapTo(back);
            adoptRecordedTraffic();
            return back.version();
        } finally {
            writer.unlock();
        }
    }

    /** How requests are shared now between the primary and at most one other version. */
    public Traffic traffic() {
        Routing routed = routing;
        return routed == null ? new Traffic.Primary() : routed.traffic;
    }

    /**
     * Splits traffic: {@code basisPoints} of requests (by a hash of the request's {@code key} field,
     * so one key always reaches the same version) go to {@code version}, loaded, warmed and checked
     * first.
     *
     * @throws IllegalArgumentException                  if the share is not between 1 and 9,999 or the version is the primary
     * @throws IllegalStateException                     if the version cannot be served (it is reported, and nothing changes)
     * @throws dev.mlops.api.tracking.NotFoundException if the model has no such version
     */
    public void split(int version, int basisPoints, String key) {
        share(new Traffic.Split(version, basisPoints, key), Role.CHALLENGER);
    }

    /**
     * Shadows: {@code version} also scores {@code basisPoints} of requests, on a bounded executor of
     * its own (dropping work when full), never changing or delaying the caller's answer; its figures
     * are kept under {@link Role#SHADOW}.
     *
     * @throws IllegalArgumentException                  if the sample is not between 1 and 10,000 or the version is the primary
     * @throws IllegalStateException                     if the version cannot be served
     * @throws dev.mlops.api.tracking.NotFoundException if the model has no such version
     */
    public void shadow(int version, int basisPoints) {
        share(new Traffic.Shadow(version, basisPoints), Role.SHADOW);
    }

    /**
     * Starts a canary: {@code version} answers the plan's first share; each poll (or
     * {@link #refresh()}) moves it to the next step once the step has lasted its time with enough
     * requests, promotes it after the last, and rolls it back (all traffic to the primary, reported
     * as a failure) as soon as its error rate or p99 latency leaves the plan's bounds.
     *
     * @throws IllegalArgumentException                  if the version is the primary
     * @throws IllegalStateException                     if the version cannot be served
     * @throws dev.mlops.api.tracking.NotFoundException if the model has no such version
     */
    public void canary(int version, Traffic.CanaryPlan plan) {
        share(new Traffic.Canary(version, plan, 0, clock.instant()), Role.CANARY);
    }

    /**
     * Makes the version sharing traffic the primary: the alias moves to it in the registry (audited),
     * and it answers every request.
     *
     * @return the new primary
     * @throws IllegalStateException if no other version shares traffic, or the deployment is closed
     */
    public int promote() {
        writer.lock();
        try {
            requireOpen();
            ServedVersion other = routing.other;
            if (other == null) {
                throw new IllegalStateException("deployment " + name + ": no other version shares traffic");
            }
            registry.setAlias(model, alias, other.version());
            lastNamed = other.version();
            trafficState = TrafficMachine.promote(trafficState);
            swapTo(other.predictor);
            persist(new Traffic.Primary());
            return other.version();
        } finally {
            writer.unlock();
        }
    }

    /**
     * Ends any sharing: every request to the primary again.
     *
     * @throws IllegalStateException if the deployment is closed
     */
    public void abort() {
        writer.lock();
        try {
            requireOpen();
            trafficState = TrafficMachine.abort(trafficState);
            route(new Traffic.Primary(), null);
            persist(new Traffic.Primary());
        } finally {
            writer.unlock();
        }
    }

    private void share(Traffic traffic, Role role) {
        writer.lock();
        try {
            requireOpen();
            TrafficMachine.State next = TrafficMachine.share(trafficState, traffic);
            ModelVersion target = registry.version(model + "/" + traffic.other());
            Predictor other;
            try {
                other = prepare(target);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                loadFailures.incrementAndGet();
                listener.failed(name, traffic.other(), e);
                throw new IllegalStateException("deployment " + name + ": version " + traffic.other()
                        + " cannot share traffic: " + e.getMessage(), e);
            }
            trafficState = next;
            route(traffic, new ServedVersion(other, metricsOf(other.version(), role), memoEntries,
                    monitorOf(other, role)));
            persist(traffic);
        } finally {
            writer.unlock();
        }
    }

    /** Replaces the routing, keeping the primary; retires the other version it no longer uses. */
    private void route(Traffic traffic, ServedVersion other) {
        Routing old = routing;
        if (traffic instanceof Traffic.Shadow) {
            shadowing.track(traffic.other());
        }
        routing = new Routing(current, other, traffic);
        if (old.other != null && old.other != other && old.other.retire()) {
            listener.released(name, old.other.version());
        }
        changed();
    }

    /** A canary's step ends, moves on, is promoted or rolled back, by the machine's rules. */
    private void tickCanary() {
        Routing routed = routing;
        if (!(routed.traffic instanceof Traffic.Canary)) {
            return;
        }
        VersionStats canary = routed.other.metrics.snapshot(clock);
        VersionStats primary = routed.primary.metrics.snapshot(clock);
        TrafficMachine.State next = TrafficMachine.tick(trafficState, clock.instant(),
                new TrafficMachine.CanaryHealth(canary.requests(), failureRate(canary), failureRate(primary),
                        canary.p99Micros(), primary.p99Micros()));
        if (next.equals(trafficState)) {
            return;
        }
        if (next.primary() != trafficState.primary()) {
            registry.setAlias(model, alias, next.primary());
            lastNamed = next.primary();
            trafficState = next;
            swapTo(routed.other.predictor);
            persist(new Traffic.Primary());
        } else if (next.traffic() instanceof Traffic.Primary) {
            trafficState = next;
            route(next.traffic(), null);
            persist(next.traffic());
            listener.failed(name, routed.other.version(), new IllegalStateException("the canary left its bounds:"
                    + " error rate " + failureRate(canary) + " vs " + failureRate(primary) + ", p99 "
                    + canary.p99Micros() + " us vs " + primary.p99Micros() + " us; rolled back"));
        } else {
            trafficState = next;
            route(next.traffic(), routed.other);
            persist(next.traffic());
        }
    }

    /** Records {@code traffic} in the registry (a model tag; audited), for every JVM and for the record. */
    private void persist(Traffic traffic) {
        var recorded = registry.model(model).orElseThrow();
        adoptedRecord = TrafficRecords.write(traffic, current.version());
        registry.createModel(model, recorded.description(), Map.of(TrafficRecords.tag(name), adoptedRecord));
    }

    /**
     * Serves the traffic the registry records, when another JVM (or a person) changed it: each
     * deployment of the alias converges on it. One that cannot be served is reported once.
     */
    private void adoptRecordedTraffic() {
        String recorded = registry.model(model).map(m -> m.tags().get(TrafficRecords.tag(name))).orElse(null);
        if (recorded == null || Objects.equals(recorded, adoptedRecord)) {
            return;
        }
        adoptedRecord = recorded;
        Traffic traffic;
        try {
            traffic = TrafficRecords.read(recorded).over(trafficState.primary());
        } catch (IllegalArgumentException e) {
            listener.failed(name, 0, e);
            return;
        }
        if (traffic.equals(trafficState.traffic())) {
            return;
        }
        if (traffic instanceof Traffic.Primary) {
            trafficState = TrafficMachine.abort(trafficState);
            route(traffic, null);
            return;
        }
        if (traffic.other() == trafficState.primary()) {
            return; // names the primary: nothing to share
        }
        try {
            Predictor other = prepare(registry.version(model + "/" + traffic.other()));
            Role role = traffic instanceof Traffic.Split ? Role.CHALLENGER
                    : traffic instanceof Traffic.Shadow ? Role.SHADOW : Role.CANARY;
            trafficState = TrafficMachine.share(trafficState, traffic);
            route(traffic, new ServedVersion(other, metricsOf(other.version(), role), memoEntries,
                    monitorOf(other, role)));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            loadFailures.incrementAndGet();
            listener.failed(name, traffic.other(), e);
        }
    }

    /** Requests that failed other than by the caller's own invalid input, per request. */
    private static double failureRate(VersionStats stats) {
        long failed = stats.errors().get(ErrorKind.MODEL) + stats.errors().get(ErrorKind.DATA);
        return stats.requests() == 0 ? 0 : failed / (double) stats.requests();
    }

    /**
     * The true value of an answer this deployment gave, by the answer's prediction id, arriving
     * later (from your data, or a reviewer): it counts for the exact version and role that gave the
     * answer (an A/B challenger's and a canary's answers are their own), and for a shadow's answer to
     * the same request, in the window each of their monitors closes next ({@link
     * dev.mlops.serving.monitor.WindowReport#measurement()}). A classifier's label is text or a
     * boolean, a regression's a number.
     *
     * @return false when no answer with that id is waiting: monitoring is off, the id is not from this
     *         deployment, it expired or was dropped ({@link MonitorSettings#labels}), or it was labelled
     * @throws IllegalArgumentException if {@code actual} is not of the kind the model predicts
     */
    public boolean label(dev.mlops.api.PredictionId id, Object actual) {
        java.util.Objects.requireNonNull(id, "prediction id");
        java.util.Objects.requireNonNull(actual, "true value");
        return pendingLabels != null && pendingLabels.label(id, actual);
    }

    /**
     * Records a reviewer's label for an answer waiting in this deployment's review queue (its id is
     * the answer's prediction id) and counts it as that answer's true value, as {@link #label} does.
     *
     * @throws IllegalStateException            if the deployment has no review queue
     * @throws dev.mlops.api.tracking.NotFoundException if the queue has no such item
     * @throws dev.mlops.api.tracking.ConflictException if it was reviewed already
     */
    public dev.mlops.api.tracking.ReviewedItem review(String id, Object label, String reason, String reviewer) {
        if (reviewQueue == null) {
            throw new IllegalStateException("deployment " + name + " has no review queue");
        }
        // checked before the review is written: a refused label must not become the durable answer
        boolean classifier = routed().primary.predictor.signature().task() == dev.mlops.api.model.Task.CLASSIFICATION;
        if (classifier ? !(label instanceof String) && !(label instanceof Boolean)
                : !(label instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("a " + (classifier ? "classifier's label is text or a boolean"
                    : "regression's true value is a finite number") + ", not " + label);
        }
        dev.mlops.api.PredictionId predictionId;
        try {
            predictionId = dev.mlops.api.PredictionId.parse(id);
        } catch (IllegalArgumentException notAPrediction) {
            predictionId = null; // an item queued by other means: reviewed, but no answer of ours to measure
        }
        dev.mlops.api.tracking.ReviewedItem done = reviewQueue.review(id, label, reason, reviewer);
        if (predictionId != null) {
            label(predictionId, done.label());
        }
        return done;
    }

    /**
     * The monitors of the versions serving now, the primary's first; empty when the deployment does
     * not monitor.
     */
    public List<LiveMonitor> monitors() {
        Routing routed = routing;
        List<LiveMonitor> watching = new java.util.ArrayList<>(2);
        if (routed != null && routed.primary.monitor != null) {
            watching.add(routed.primary.monitor);
        }
        if (routed != null && routed.other != null && routed.other.monitor != null) {
            watching.add(routed.other.monitor);
        }
        return watching;
    }

    /** The metrics now, per version and role (the eight versions served most recently). */
    public DeploymentStats stats() {
        List<VersionStats> versions = new ArrayList<>();
        synchronized (metrics) {
            for (VersionMetrics m : metrics.values()) {
                versions.add(m.snapshot(clock));
            }
        }
        ServedVersion serving = current;
        return new DeploymentStats(name, reference, serving == null ? 0 : serving.version(), clock.instant(), versions,
                shadowing.stats(), loadFailures.get(), swaps.get());
    }

    /** The metrics of the versions and roles kept, in the order they last started serving. */
    List<VersionMetrics> versionMetrics() {
        synchronized (metrics) {
            return List.copyOf(metrics.values());
        }
    }

    /** How each shadow's answers compared with the primary's, oldest first. */
    List<ShadowStats> shadowStats() {
        return shadowing.stats();
    }

    /** Runs {@code hook} after every change of the served version or of the traffic (for meter binders). */
    void onChange(Runnable hook) {
        changeHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Times the served version could not be loaded, warmed or checked, or the alias looked up. */
    long loadFailures() {
        return loadFailures.get();
    }

    /** Times the served version changed. */
    long swaps() {
        return swaps.get();
    }

    /** Stops polling; requests in flight finish, later ones are refused. */
    @Override
    public void close() {
        writer.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (polling != null) {
                polling.cancel(false);
            }
            if (ownScheduler != null) {
                ownScheduler.shutdownNow();
            }
            shadowing.close();
            if (review != null) {
                review.close();
            }
            ServedVersion last = current;
            if (last != null && last.retire()) {
                listener.released(name, last.version());
            }
        } finally {
            writer.unlock();
        }
    }

    @Override
    public String toString() {
        ServedVersion serving = current;
        return "Deployment[" + name + ": " + reference + (serving == null ? "" : " -> " + serving.version()) + "]";
    }

    // ---- the request path ------------------------------------------------------------------------

    private ServedVersion acquire() {
        return acquire(routed(), null);
    }

    private Routing routed() {
        Routing routed = routing;
        if (routed == null || closed) {
            throw new IllegalStateException("deployment " + name + " is closed");
        }
        return routed;
    }

    /** The version that answers {@code row} (the primary when row is null), entered. */
    private ServedVersion acquire(Routing routed, Features row) {
        for (;;) {
            ServedVersion on = row == null ? routed.primary : routed.pick(row);
            on.enter();
            // re-read after entering: a change or close() since the first read retires this version, and
            // close() retires without replacing it, so `closed` is checked again too
            if (routed == routing && !closed) {
                return on;
            }
            leave(on); // changed or closed meanwhile: a retired version gets no new request
            routed = routed();
        }
    }

    private void leave(ServedVersion on) {
        if (on.leave()) {
            listener.released(name, on.version());
        }
    }

    private ServedVersion served() {
        ServedVersion on = current;
        if (on == null || closed) {
            throw new IllegalStateException("deployment " + name + " is closed");
        }
        return on;
    }

    // ---- changes (one writer) ----------------------------------------------------------------------

    private Predictor prepare(ModelVersion target) {
        Predictor candidate = cache.get(target.model(), target.version(), target.artifactSha256(),
                () -> Serving.load(registry, target, RequestPolicy.STRICT)).withPolicy(policy);
        List<Features> rows = warmUp;
        if (rows.isEmpty()) {
            // the candidate must take what the version it replaces takes: a request valid a moment ago stays valid
            ServedVersion serving = current;
            rows = serving == null ? List.of(TypicalRows.of(candidate))
                    : List.of(TypicalRows.of(candidate), TypicalRows.of(serving.predictor));
        }
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            candidate.predictAll(rows);
        }
        check.check(candidate);
        return candidate;
    }

    private void swapTo(Predictor next) {
        VersionMetrics forVersion = metricsOf(next.version(), Role.PRIMARY);
        ServedVersion old = current;
        Routing oldRouting = routing;
        current = new ServedVersion(next, forVersion, memoEntries, monitorOf(next, Role.PRIMARY));
        routing = new Routing(current, null, new Traffic.Primary()); // a new primary ends any sharing
        adoptedRecord = null; // a record names the primary it was made for: read it again for this one
        trafficState = trafficState == null ? TrafficMachine.start(next.version())
                : TrafficMachine.aliasMoved(trafficState, next.version());
        if (oldRouting != null && oldRouting.other != null && oldRouting.other.retire()) {
            listener.released(name, oldRouting.other.version());
        }
        swaps.incrementAndGet();
        LOG.info("deployment {} serves {}/{}", name, model, next.version());
        listener.swapped(name, old == null ? 0 : old.version(), next.version());
        changed();
        if (old != null) {
            previous = old.predictor;
            if (old.retire()) {
                listener.released(name, old.version());
            }
        }
    }

    private void changed() {
        for (Runnable hook : changeHooks) {
            try {
                hook.run();
            } catch (RuntimeException | AssertionError | LinkageError e) {
                LOG.warn("deployment {}: a change hook failed: {}", name, e.toString());
            }
        }
    }

    /** A monitor of {@code predictor} in {@code role}, when this deployment monitors. */
    private LiveMonitor monitorOf(Predictor predictor, Role role) {
        return monitoring == null ? null : LiveMonitor.of(predictor.bundle(), new Alarm.Source(name, model,
                predictor.version(), role.name()), monitoring);
    }

    private VersionMetrics metricsOf(int version, Role role) {
        synchronized (metrics) {
            String key = version + "/" + role;
            VersionMetrics found = metrics.remove(key); // re-inserted last: the map is in order of last service
            if (found == null) {
                found = new VersionMetrics(version, role, clock.instant());
            }
            metrics.put(key, found);
            while (metrics.size() > KEPT_METRICS) {
                metrics.remove(metrics.keySet().iterator().next());
            }
            return found;
        }
    }

    private void poll() {
        try {
            if (!closed) {
                refresh();
                monitors().forEach(LiveMonitor::tick);
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) { // whatever happens, the next poll must still run
            LOG.warn("deployment {}: polling {} failed: {}", name, reference, e.toString());
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("deployment " + name + " is closed");
        }
    }


    /**
     * What a deployment serves and how. Defaults: named after the reference, strict requests, the
     * system clock, the shared {@link VersionCache}, polling every 10 seconds on a daemon thread of
     * its own, no extra check, and warm-up rows made of typical training values (medians and most
     * frequent values, from the bundles' profiles) of the new version and of the version it
     * replaces: a version that refuses a row the serving one accepts is not served.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final ModelRegistry registry;
        private final String reference;
        private String name;
        private RequestPolicy policy = RequestPolicy.STRICT;
        private Clock clock = Clock.systemUTC();
        private VersionCache cache = VersionCache.shared();
        private List<Features> warmUp = List.of();
        private VersionCheck check = VersionCheck.NONE;
        private DeploymentListener listener = DeploymentListener.NONE;
        private Duration pollEvery = Duration.ofSeconds(10);
        private ScheduledExecutorService scheduler;
        private int memoEntries;
        private Duration shadowTimeout = Duration.ofSeconds(1);
        private MonitorSettings monitoring;
        private dev.mlops.api.tracking.ReviewQueue reviewQueue;
        private double reviewBelow;

        private Builder(ModelRegistry registry, String reference) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.reference = Objects.requireNonNull(reference, "reference");
            int at = reference.indexOf('@');
            if (at <= 0 || at == reference.length() - 1 || reference.indexOf('@', at + 1) >= 0) {
                throw new IllegalArgumentException("a deployment follows an alias, 'model@alias'; got '" + reference
                        + "'");
            }
            this.name = reference;
        }

        /** Its name, in metrics, logs and events. */
        public Builder name(String deploymentName) {
            this.name = Objects.requireNonNull(deploymentName, "name");
            return this;
        }

        /** How requests with unknown fields are treated. */
        public Builder policy(RequestPolicy requestPolicy) {
            this.policy = Objects.requireNonNull(requestPolicy, "policy");
            return this;
        }

        /** The clock for metrics and events. */
        public Builder clock(Clock deploymentClock) {
            this.clock = Objects.requireNonNull(deploymentClock, "clock");
            return this;
        }

        /** Where loaded versions are kept and shared. */
        public Builder cache(VersionCache versions) {
            this.cache = Objects.requireNonNull(versions, "cache");
            return this;
        }

        /** Rows every new version must predict before it serves (they also warm it up). */
        public Builder warmUp(List<Features> rows) {
            this.warmUp = List.copyOf(rows);
            return this;
        }

        /** The host's own test of a new version, after it loads and warms. */
        public Builder check(VersionCheck versionCheck) {
            this.check = Objects.requireNonNull(versionCheck, "check");
            return this;
        }

        /** Who hears of swaps, failures and releases. */
        public Builder listener(DeploymentListener deploymentListener) {
            this.listener = Objects.requireNonNull(deploymentListener, "listener");
            return this;
        }

        /**
         * How often the alias is looked up; null for never (call {@link Deployment#refresh()}).
         *
         * @throws IllegalArgumentException if the interval is not positive
         */
        public Builder pollEvery(Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("the polling interval must be positive: " + interval);
            }
            this.pollEvery = interval;
            return this;
        }

        /**
         * Remembers the answers to up to {@code entries} distinct rows per version, so a row seen
         * before is answered without checking or predicting it again (with a fresh prediction id);
         * 0, the default, turns it off. Worth it only when the same rows come back often: a lookup
         * hashes the whole row.
         *
         * @throws IllegalArgumentException if {@code entries} is negative
         */
        public Builder memoize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("a memo holds 0 or more rows: " + entries);
            }
            this.memoEntries = entries;
            return this;
        }

        /**
         * How long after the caller's answer a shadow's answer still counts (default one second): a
         * later one is discarded and counted as {@link ErrorKind#TIMEOUT}, and a request whose turn
         * comes after it is not scored at all. The caller never waits for a shadow either way.
         *
         * @throws IllegalArgumentException if the timeout is not positive
         */
        public Builder shadowTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the shadow timeout must be positive: " + timeout);
            }
            this.shadowTimeout = timeout;
            return this;
        }

        /**
         * Watches every version this deployment serves, in each role, as {@code settings} say (see
         * {@link LiveMonitor}); off by default. Time windows close on the next request or poll after
         * their time is up.
         */
        public Builder monitoring(MonitorSettings settings) {
            this.monitoring = java.util.Objects.requireNonNull(settings, "monitor settings");
            return this;
        }

        /**
         * Puts every answer of the primary given with a confidence below {@code below} on
         * {@code queue} as well, for a person to label (the answer is still returned). Written off the
         * callers' threads; an answer is acknowledged in the queue once written, and survives a crash
         * then. Labels given through {@link Deployment#review} count in the live accuracy.
         *
         * @throws IllegalArgumentException unless 0 &lt; below &lt;= 1
         */
        public Builder review(dev.mlops.api.tracking.ReviewQueue queue, double below) {
            if (!(below > 0 && below <= 1)) {
                throw new IllegalArgumentException("a review threshold is a confidence in (0, 1]: " + below);
            }
            this.reviewQueue = java.util.Objects.requireNonNull(queue, "review queue");
            this.reviewBelow = below;
            return this;
        }

        /** The executor that polls, instead of a daemon thread of the deployment's own. */
        public Builder scheduler(ScheduledExecutorService executor) {
            this.scheduler = Objects.requireNonNull(executor, "scheduler");
            return this;
        }

        /**
         * Loads the version the alias names now, and starts polling.
         *
         * @throws IllegalStateException                    if that version cannot be loaded, warmed or checked
         * @throws dev.mlops.api.tracking.NotFoundException if the alias names no version
         */
        public Deployment start() {
            Deployment deployment = new Deployment(this);
            try {
                deployment.refresh();
            } catch (RuntimeException e) {
                deployment.close();
                throw e;
            }
            deployment.pendingPoll.run();
            return deployment;
        }
    }
}

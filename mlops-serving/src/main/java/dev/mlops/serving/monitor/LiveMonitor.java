package dev.mlops.serving.monitor;

import dev.mlops.api.Features;
import dev.mlops.api.FieldType;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.bundle.MonitoringBaseline;
import dev.mlops.core.drift.ColumnBaseline;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.drift.DriftSample;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one version as it serves: {@link #record} counts each answered request into the current
 * window (an atomic claim of a row, then one array write per input and per prediction column; no
 * lock, no allocation), and each closed window is worked out on the settings' executor: the inputs'
 * drift against the bundle's training baseline and the predictions' against its held-out baseline,
 * by the same {@link DriftReference} a batch comparison uses (so batch and live agree on the same
 * rows), the accuracy estimated from the calibrated confidence, and the alarms (see
 * {@link MonitorSettings}). A bundle of format 1, or one never scored on held-out rows, is watched
 * for what it has; the report names what is unavailable.
 *
 * <p>Memory is fixed: the panes of a window and two spares. When windows close faster than they are
 * worked out, a step is skipped rather than queued (its pane reused at once; the next report says
 * how many were skipped), so a slow analysis never slows or grows the request path.
 *
 * <p>Thread-safe. A request that stalls for longer than a whole window may be counted in a later one.
 *
 * @since 0.1
 */
public final class LiveMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMonitor.class);
    private static final int KEPT_REPORTS = 256;
    private static final long WRITER_WAIT_MILLIS = 1_000;
    /** The most cells (rows times columns, all steps) a monitor preallocates: about a gigabyte at worst. */
    static final long MAX_CELLS = 128L * 1024 * 1024;

    private final Alarm.Source source;
    private final MonitorSettings settings;
    private final Guarded listener;
    /** Records this monitor in a tracker; null when the settings name none. */
    private final TrackedMonitor tracked;
    private final boolean timed;
    private final int capacity;
    private final long stepMillis;
    /** Each watched input's column: its index among the numbers or the objects, and how to read it. */
    private final String[] inputNames;
    private final FieldType[] inputTypes;
    private final int[] inputSlot;
    /** The prediction's columns: the label (object) or value (number), then each class's probability. */
    private final Task task;
    private final List<String> labels;
    private final int predictionSlot;
    private final int firstProbabilitySlot;
    private final boolean probabilities;
    private final int numberColumns;
    private final int objectColumns;
    private final DriftReference inputReference;
    private final DriftReference predictionReference;
    private final MonitoringBaseline baseline;
    private final List<String> unavailable;
    private final ArrayBlockingQueue<Pane> pool;
    private final Deque<Pane> window = new ArrayDeque<>();
    private final Deque<WindowReport> reports = new ArrayDeque<>();
    private final AlarmBook alarms;
    private final AtomicLong windowIndex = new AtomicLong();
    /** Steps skipped because the analysis was behind, since the last step handed to it. */
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong skippedTotal = new AtomicLong();
    private final Object closing = new Object();
    private volatile Pane current;
    private volatile boolean closed;
    /** Under {@code closing}: steps handed to the analysis and not yet worked out; whether close() asked to end the run. */
    private int outstanding;
    private boolean finishAsked;
    private boolean finished;
    /** Labels that arrived since the last report: how many, how many right, errors' sums (regression). */
    private final Object labelLock = new Object();
    /** Every request's outcome since the last report: how many, how many failed, how long each took. */
    private final java.util.concurrent.atomic.LongAdder outcomes = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
    private final org.HdrHistogram.Recorder latency = new org.HdrHistogram.Recorder(
            java.time.Duration.ofMinutes(1).toNanos(), 3);
    private org.HdrHistogram.Histogram latencyInterval;
    private long labelCount;
    private long right;
    private double absoluteErrors;
    private double squaredErrors;

    private LiveMonitor(ModelBundle bundle, Alarm.Source source, MonitorSettings settings) {
        this.source = source;
        this.settings = settings;
        this.tracked = settings.tracker() == null ? null : new TrackedMonitor(settings.tracker(), source);
        this.listener = new Guarded(tracked == null ? settings.listener() : new Both(settings.listener(), tracked));
        this.timed = settings.windowTime() != null;
        this.capacity = settings.stepCapacity();
        this.stepMillis = timed ? settings.windowTime().toMillis() : 0;
        Signature signature = bundle.signature();
        this.baseline = bundle.monitoring().orElse(null);
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<FieldType> types = new ArrayList<>();
        int numbers = 0;
        int objects = 0;
        List<Integer> slots = new ArrayList<>();
        if (baseline == null) {
            missing.add("input drift: the bundle has no monitoring baseline (format 1)");
        } else {
            for (ColumnBaseline column : baseline.features().columns()) {
                FieldType type = signature.inputs().field(column.name()).orElseThrow().type();
                names.add(column.name());
                types.add(type);
                slots.add(type == FieldType.NUMERIC ? numbers++ : objects++);
            }
        }
        this.inputNames = names.toArray(String[]::new);
        this.inputTypes = types.toArray(FieldType[]::new);
        this.inputSlot = slots.stream().mapToInt(Integer::intValue).toArray();
        this.task = signature.task();
        this.labels = signature.labels();
        this.predictionSlot = task == Task.REGRESSION ? numbers++ : objects++;
        boolean heldOut = baseline != null && baseline.predictionBaseline().isPresent();
        this.probabilities = task == Task.CLASSIFICATION && heldOut
                && baseline.predictionBaseline().orElseThrow().column(MonitoringBaseline.PROBABILITY + labels.get(0))
                        .isPresent();
        this.firstProbabilitySlot = numbers;
        if (probabilities) {
            numbers += labels.size();
        }
        this.numberColumns = numbers;
        this.objectColumns = objects;
        this.inputReference = baseline == null ? null : baseline.features().reference();
        this.predictionReference = heldOut ? baseline.predictionBaseline().orElseThrow().reference() : null;
        if (baseline != null && !heldOut) {
            missing.add("prediction drift and performance estimate: the bundle was never scored on held-out rows"
                    + " (ModelBundle.withHeldOut)");
        } else if (heldOut && baseline.calibrator() == null) {
            missing.add("performance estimate: the model gives no probabilities to calibrate");
        }
        this.unavailable = List.copyOf(missing);
        this.alarms = new AlarmBook(source, settings);
        long cells = (long) (settings.slidingSteps() + 2) * capacity * (numberColumns + objectColumns);
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("monitor " + source + ": " + (settings.slidingSteps() + 2) + " steps of "
                    + capacity + " rows and " + (numberColumns + objectColumns) + " columns would preallocate " + cells
                    + " cells, more than " + MAX_CELLS + "; use smaller or fewer steps");
        }
        this.pool = new ArrayBlockingQueue<>(settings.slidingSteps() + 2);
        for (int i = 0; i < settings.slidingSteps() + 2; i++) {
            pool.add(newPane());
        }
        long now = settings.clock().millis();
        Pane first = pool.poll();
        first.reset(now, timed ? now + stepMillis : Long.MAX_VALUE);
        this.current = first;
    }

    /** A monitor of {@code bundle} serving as {@code source}, watched as {@code settings} say. */
    public static LiveMonitor of(ModelBundle bundle, Alarm.Source source, MonitorSettings settings) {
        return new LiveMonitor(bundle, source, settings);
    }

    private Pane newPane() {
        return new Pane(numberColumns, objectColumns, capacity);
    }

    /** Whose monitor this is. */
    public Alarm.Source source() {
        return source;
    }

    /**
     * Counts one answered request. Call it with the row the model answered (every input present, as
     * the predictor checked it) and the answer.
     */
    public void record(Features row, Prediction prediction) {
        while (!closed) {
            Pane pane = current;
            if (timed) {
                long now = settings.clock().millis();
                if (now >= pane.endMillis || now < pane.startMillis) { // over, or the clock was set back
                    rotate(pane);
                    if (current == pane) {
                        Thread.onSpinWait(); // another thread is rotating it
                    }
                    continue;
                }
            }
            long claim = pane.claims.getAndIncrement();
            if (claim >= Pane.SEALED) {
                Thread.onSpinWait(); // sealed: the next pane is being published
                continue;
            }
            if (claim < capacity) {
                try {
                    write(pane, (int) claim, row, prediction);
                } finally { // a row that cannot be written still counts as done, and the step still closes
                    pane.done.incrementAndGet();
                    if (!timed && claim == capacity - 1) {
                        rotate(pane);
                    }
                }
                return;
            }
            if (timed) { // more requests than the step keeps: each replaces a kept one with the right chance
                long replace = ThreadLocalRandom.current().nextLong(claim + 1);
                try {
                    if (replace < capacity) {
                        write(pane, (int) replace, row, prediction);
                    }
                } finally {
                    pane.done.incrementAndGet();
                }
                return;
            }
            pane.done.incrementAndGet(); // counted as done here, so the pane's work waits for no one
            Thread.onSpinWait(); // a full count step whose last writer is publishing the next one
        }
    }

    private void write(Pane pane, int at, Features row, Prediction prediction) {
        try {
            writeValues(pane, at, row, prediction);
        } catch (RuntimeException e) { // a row of the wrong shape: its values read as missing, not as a stale row's
            for (double[] column : pane.numbers) {
                column[at] = Double.NaN;
            }
            for (Object[] column : pane.objects) {
                column[at] = null;
            }
            throw e;
        }
    }

    private void writeValues(Pane pane, int at, Features row, Prediction prediction) {
        for (int i = 0; i < inputNames.length; i++) {
            Object value = row.get(inputNames[i]);
            if (inputTypes[i] == FieldType.NUMERIC) {
                pane.numbers[inputSlot[i]][at] = value instanceof Number n ? n.doubleValue() : Double.NaN;
            } else {
                pane.objects[inputSlot[i]][at] = value;
            }
        }
        if (prediction instanceof Prediction.Classification c) {
            pane.objects[predictionSlot][at] = c.label();
            if (probabilities) {
                for (int k = 0; k < labels.size(); k++) {
                    pane.numbers[firstProbabilitySlot + k][at] = c.probability(labels.get(k));
                }
            }
        } else if (prediction instanceof Prediction.Regression r) {
            pane.numbers[predictionSlot][at] = r.value();
        }
    }

    /** Publishes the next pane in place of {@code pane} (once, whoever calls first) and works {@code pane} out. */
    private void rotate(Pane pane) {
        if (closed || current != pane || !pane.rotating.compareAndSet(false, true)) {
            return;
        }
        long now = settings.clock().millis();
        long start;
        long end;
        if (!timed) {
            start = now;
            end = Long.MAX_VALUE;
        } else if (now < pane.endMillis && now >= pane.startMillis) {
            start = now; // closed early: the next step ends where this one would have
            end = pane.endMillis;
        } else {
            start = Math.floorDiv(now, stepMillis) * stepMillis; // on the clock's grid (a clock set back too)
            end = start + stepMillis;
        }
        Pane next = pool.poll();
        if (next == null) {
            // the analysis is behind: this step is skipped and its pane reused at once, so memory stays
            // bounded and the caller never waits for the analysis; the next report counts the skip
            pane.seal();
            pane.awaitWriters(WRITER_WAIT_MILLIS);
            skipped.incrementAndGet();
            skippedTotal.incrementAndGet();
            pane.reset(start, end);
            return;
        }
        next.reset(start, end);
        current = next;
        pane.seal();
        pane.skippedBefore = skipped.getAndSet(0);
        synchronized (closing) {
            outstanding++;
        }
        try {
            settings.executor().execute(() -> workOut(pane));
        } catch (RuntimeException rejected) { // a shut-down executor: the window is dropped, serving goes on
            LOG.warn("monitor {}: window dropped, its executor refused it: {}", source, rejected.toString());
            synchronized (closing) {
                outstanding--;
            }
            recycle(pane);
        }
    }

    /**
     * Counts the true value of an answer this version gave: it joins the window that closes next.
     * A classifier's {@code actual} is its label (text, or a boolean), a regression's a number.
     *
     * @throws IllegalArgumentException if {@code actual} is not of the kind the model predicts, or the
     *         answer is not this model's kind
     */
    public void labelled(Prediction answer, Object actual) {
        if (answer instanceof Prediction.Classification c) {
            if (!(actual instanceof String) && !(actual instanceof Boolean)) {
                throw new IllegalArgumentException("a classifier's label is text or a boolean, not " + actual);
            }
            boolean correct = c.label().equals(actual.toString());
            synchronized (labelLock) {
                labelCount++;
                right += correct ? 1 : 0;
            }
        } else if (answer instanceof Prediction.Regression r) {
            if (!(actual instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("a regression's true value is a finite number, not " + actual);
            }
            double error = r.value() - n.doubleValue();
            synchronized (labelLock) {
                labelCount++;
                absoluteErrors += Math.abs(error);
                squaredErrors += error * error;
            }
        } else {
            throw new IllegalArgumentException("not an answer of a classifier or a regression: " + answer);
        }
    }

    /**
     * Counts one request's outcome, answered or failed, with the time it took; a deployment calls it
     * for every request it routes here. Lock-free and allocation-free (HdrHistogram's recorder).
     */
    public void outcome(long nanos, boolean failed) {
        outcomes.increment();
        if (failed) {
            failures.increment();
        }
        latency.recordValue(Math.min(Math.max(nanos, 0), java.time.Duration.ofMinutes(1).toNanos()));
    }

    /** The outcomes since the last call: requests, failure rate, p99 in microseconds; null when none. */
    private Health drainHealth() {
        long requests = outcomes.sumThenReset();
        long failed = failures.sumThenReset();
        latencyInterval = latency.getIntervalHistogram(latencyInterval);
        if (requests == 0) {
            return null;
        }
        return new Health(requests, failed / (double) requests, latencyInterval.getValueAtPercentile(99) / 1_000.0);
    }

    /** The labels since the last call, measured; null when none arrived. */
    private MeasuredPerformance drainLabels() {
        synchronized (labelLock) {
            if (labelCount == 0) {
                return null;
            }
            MeasuredPerformance measured = task == Task.CLASSIFICATION
                    ? new MeasuredPerformance(labelCount, right / (double) labelCount, Double.NaN, Double.NaN)
                    : new MeasuredPerformance(labelCount, Double.NaN, absoluteErrors / labelCount,
                            Math.sqrt(squaredErrors / labelCount));
            labelCount = 0;
            right = 0;
            absoluteErrors = 0;
            squaredErrors = 0;
            return measured;
        }
    }

    /** Closes the current step now (a window closes with it) and works it out; for tests and shutdown. */
    public void closeWindow() {
        if (!closed) {
            rotate(current);
        }
    }

    /** Closes the current time step when its time is up; a deployment calls it on every poll. */
    public void tick() {
        Pane pane = current;
        if (!closed && timed && settings.clock().millis() >= pane.endMillis) {
            rotate(pane);
        }
    }

    private void workOut(Pane step) {
        synchronized (closing) {
            try {
                workOutLocked(step);
            } finally {
                outstanding--;
                if (finishAsked && outstanding == 0) {
                    finishRun(); // the last step handed on before close() is recorded: the run can end
                }
            }
        }
    }

    /** Ends the tracker's run, once; under {@code closing}. */
    private void finishRun() {
        if (!finished && tracked != null) {
            finished = true;
            try {
                tracked.finish();
            } catch (RuntimeException e) {
                LOG.warn("monitor {}: its run could not be ended: {}", source, e.toString());
            }
        }
    }

    private void workOutLocked(Pane step) {
        try {
            if (!step.awaitWriters(WRITER_WAIT_MILLIS)) {
                LOG.warn("monitor {}: a request did not finish writing within {} ms; its row is left out",
                        source, WRITER_WAIT_MILLIS);
            }
            window.addLast(step);
            while (window.size() > settings.slidingSteps()) {
                recycle(window.removeFirst());
            }
            if (window.stream().allMatch(p -> p.rows() == 0)) {
                return; // nothing was answered: no window to report (an idle time step, a flush of nothing)
            }
            WindowReport report = report(List.copyOf(window));
            synchronized (reports) {
                reports.addLast(report);
                while (reports.size() > KEPT_REPORTS) {
                    reports.removeFirst();
                }
            }
            listener.window(report);
            report.raised().forEach(listener::raised);
            alarms.drainCleared().forEach(listener::cleared);
        } catch (RuntimeException e) {
            LOG.warn("monitor {}: a window could not be worked out: {}", source, e.toString(), e);
        } finally {
            if (settings.slidingSteps() == 1 && window.peekLast() == step) {
                recycle(window.removeLast());
            }
        }
    }

    private void recycle(Pane pane) {
        pool.offer(pane);
    }

    private WindowReport report(List<Pane> steps) {
        Pane last = steps.get(steps.size() - 1);
        int rows = steps.stream().mapToInt(Pane::rows).sum();
        // a count step's claims past its capacity went on to the next step
        long requests = timed ? steps.stream().mapToLong(p -> p.claimed).sum() : rows;
        boolean decided = rows >= settings.minRows();
        long index = windowIndex.getAndIncrement();
        Instant end = settings.clock().instant();
        DriftReport inputs = null;
        DriftReport predictions = null;
        PerformanceEstimate estimate = null;
        if (rows > 0 && inputReference != null) {
            inputs = inputReference.compare(inputSample(steps));
        }
        if (rows > 0 && predictionReference != null) {
            predictions = predictionReference.compare(predictionSample(steps));
        }
        if (rows > 0 && probabilities && baseline.calibrator() != null) {
            estimate = Estimates.of(baseline, labels, predictionLabels(steps, rows), probabilityColumns(steps, rows));
        }
        MeasuredPerformance measured = drainLabels();
        Health health = drainHealth();
        double heldOutAccuracy = baseline == null ? Double.NaN
                : baseline.heldOutMetrics().getOrDefault("accuracy", Double.NaN);
        List<Alarm> raised = decided ? alarms.decide(index, end, inputs, predictions, estimate, measured,
                heldOutAccuracy, health) : List.of();
        return new WindowReport(source, index, Instant.ofEpochMilli(steps.get(0).startMillis), end, requests, rows,
                decided, inputs, predictions, estimate, measured, health, raised, unavailable, last.skippedBefore);
    }

    /** The window's inputs, counted and sorted straight from the panes, as the batch comparison takes them. */
    private DriftSample inputSample(List<Pane> steps) {
        DriftSample.Builder sample = DriftSample.builder();
        for (Pane step : steps) {
            for (int i = 0; i < inputNames.length; i++) {
                if (inputTypes[i] == FieldType.NUMERIC) {
                    sample.numbers(inputNames[i], step.numbers[inputSlot[i]], step.rows());
                } else {
                    sample.labels(inputNames[i], step.objects[inputSlot[i]], step.rows());
                }
            }
        }
        return sample.build();
    }

    private DriftSample predictionSample(List<Pane> steps) {
        DriftSample.Builder sample = DriftSample.builder();
        for (Pane step : steps) {
            if (task == Task.REGRESSION) {
                sample.numbers(MonitoringBaseline.PREDICTION, step.numbers[predictionSlot], step.rows());
            } else {
                sample.labels(MonitoringBaseline.PREDICTION, step.objects[predictionSlot], step.rows());
                if (probabilities) {
                    for (int k = 0; k < labels.size(); k++) {
                        sample.numbers(MonitoringBaseline.PROBABILITY + labels.get(k),
                                step.numbers[firstProbabilitySlot + k], step.rows());
                    }
                }
            }
        }
        return sample.build();
    }

    private String[] predictionLabels(List<Pane> steps, int rows) {
        String[] text = new String[rows];
        int at = 0;
        for (Pane step : steps) {
            Object[] column = step.objects[predictionSlot];
            for (int row = 0; row < step.rows(); row++) {
                text[at++] = column[row] == null ? null : column[row].toString();
            }
        }
        return text;
    }

    private double[][] probabilityColumns(List<Pane> steps, int rows) {
        double[][] columns = new double[labels.size()][rows];
        for (int k = 0; k < labels.size(); k++) {
            int at = 0;
            for (Pane step : steps) {
                System.arraycopy(step.numbers[firstProbabilitySlot + k], 0, columns[k], at, step.rows());
                at += step.rows();
            }
        }
        return columns;
    }

    /** The reports of the windows closed so far, the oldest first (the last 256). */
    public List<WindowReport> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    /** Every step skipped so far because the analysis was behind. */
    public long skippedSteps() {
        return skippedTotal.get();
    }

    /** The alarms standing now. */
    public List<Alarm> standing() {
        return alarms.standing();
    }

    /**
     * Stops counting; requests recorded afterwards are ignored. The window open now is not worked out
     * ({@link #closeWindow()} first to have it). A run recording the monitor is ended once the windows
     * handed to the analysis before are recorded.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (closing) {
            finishAsked = true;
            if (outstanding == 0) {
                finishRun(); // nothing handed on is still to be recorded
            }
        }
    }

    @Override
    public String toString() {
        return "LiveMonitor[" + source + ", " + settings + "]";
    }

    /** Two listeners, each guarded on its own: one that throws does not keep the other from hearing. */
    private static final class Both implements MonitorListener {
        private final Guarded first;
        private final Guarded second;

        Both(MonitorListener first, MonitorListener second) {
            this.first = new Guarded(first);
            this.second = new Guarded(second);
        }

        @Override
        public void window(WindowReport report) {
            first.window(report);
            second.window(report);
        }

        @Override
        public void raised(Alarm alarm) {
            first.raised(alarm);
            second.raised(alarm);
        }

        @Override
        public void cleared(Alarm alarm) {
            first.cleared(alarm);
            second.cleared(alarm);
        }
    }

    /** The host's listener, called so that one that throws is logged once per kind and cannot break monitoring. */
    private static final class Guarded {
        private final MonitorListener delegate;
        private final java.util.Set<String> logged = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Guarded(MonitorListener delegate) {
            this.delegate = delegate;
        }

        void window(WindowReport report) {
            guard("window", () -> delegate.window(report));
        }

        void raised(Alarm alarm) {
            guard("raised", () -> delegate.raised(alarm));
        }

        void cleared(Alarm alarm) {
            guard("cleared", () -> delegate.cleared(alarm));
        }

        private void guard(String event, Runnable call) {
            try {
                call.run();
            } catch (RuntimeException | LinkageError e) {
                if (logged.add(event + ":" + e.getClass().getName())) {
                    LOG.warn("a monitor listener threw on '{}' (logged once, then ignored): {}", event, e.toString());
                }
            }
        }
    }
}

package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.api.PredictionId;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial probes of the live monitor and the label index. */
class MonitorAttackTest {

    private static final Alarm.Source SOURCE = new Alarm.Source("probe", "toy", 1, "PRIMARY");
    private static ModelBundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        bundle = Toy.bundle(1, 600).withHeldOut(Toy.frame(400, 99));
    }

    private static Prediction answer(int i) {
        return bundle.predict(Toy.row(i));
    }

    private static void recordSome(LiveMonitor monitor, int from) {
        for (int i = from; i < from + 5; i++) {
            monitor.record(Toy.row(i), answer(i));
        }
    }

    private static MonitorSettings direct() {
        return MonitorSettings.defaults().executor(Runnable::run).minRows(1).labels(1_000, java.time.Duration.ofDays(1));
    }

    /**
     * LiveMonitor.record is public; a row lacking a watched input makes write() throw after the claim
     * and before done/rotate. With count windows the claim that should rotate is lost, so every later
     * record() spins for ever.
     */
    @Test
    void aRecordThatThrowsMidWriteMustNotWedgeLaterRequests() throws Exception {
        LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(1));
        Prediction answer = answer(1);
        assertThrows(IllegalArgumentException.class, () -> monitor.record(Features.of("x", 1.0), answer));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> next = caller.submit(() -> monitor.record(Toy.row(2), answer));
            try {
                next.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("a valid record() after one that threw spun for 5 s (still spinning)");
            }
        } finally {
            monitor.close(); // lets a spinning caller out
            caller.shutdownNow();
        }
    }

    /**
     * closeWindow() in time mode starts the next step at the old step's end (in the future), so the
     * next window runs for the rest of this step plus a whole step and contains rows from before its
     * reported start.
     */
    @Test
    void aTimeWindowAfterCloseWindowLastsOneStepAndStartsBeforeItsRows() {
        MovableClock clock = new MovableClock();
        Instant t0 = clock.instant();
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().timeWindows(Duration.ofMinutes(1))
                .clock(clock))) {
            recordSome(monitor, 0);
            clock.advance(Duration.ofSeconds(10));
            monitor.closeWindow(); // flush at t0 + 10 s
            assertEquals(1, monitor.reports().size());
            clock.advance(Duration.ofSeconds(10)); // t0 + 20 s
            recordSome(monitor, 10);
            clock.advance(Duration.ofSeconds(65)); // t0 + 85 s: 75 s after the flush, more than a window
            monitor.tick();
            int closedBy85 = monitor.reports().size();
            clock.advance(Duration.ofSeconds(40)); // t0 + 125 s
            monitor.tick();
            List<WindowReport> reports = monitor.reports();
            WindowReport second = reports.get(1);
            String seen = "closed by t0+85s: " + (closedBy85 - 1) + " window(s) after the flush; the window holding"
                    + " the rows recorded at t0+20s starts at t0+" + Duration.between(t0, second.start()).toSeconds()
                    + "s";
            assertTrue(!second.start().isAfter(t0.plusSeconds(20)), seen);
            assertEquals(2, closedBy85, seen);
        }
    }

    /** The label index: two deliveries of the same label at once must be counted once. */
    @Test
    void aLabelDeliveredTwiceAtOnceIsCountedOnce() throws Exception {
        LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(1_000));
        PendingLabels pending = new PendingLabels(direct());
        PredictionId id = PredictionId.next();
        Prediction.Regression answer = new Prediction.Regression(1.0, new Prediction.Origin(id, "toy", 1));
        pending.answered(monitor, answer);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Number slow = new PausingNumber(inside, release, calls);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> firstDelivery = first.submit(() -> pending.label(id, slow));
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            boolean second = pending.label(id, 2.0);
            release.countDown();
            boolean firstTaken = firstDelivery.get(5, TimeUnit.SECONDS);
            recordSome(monitor, 0);
            monitor.closeWindow();
            long counted = monitor.reports().get(0).measurement().orElseThrow().labels();
            int accepted = (firstTaken ? 1 : 0) + (second ? 1 : 0);
            assertEquals(accepted, counted, "label() returned true " + accepted + " time(s), the monitor counted "
                    + counted + " labels for one answer");
        } finally {
            first.shutdownNow();
            monitor.close();
        }
    }

    /** A shadow's answer attached while the label is being joined: the label must not count twice. */
    @Test
    void aShadowAttachedDuringALabelDoesNotMakeItCountTwice() throws Exception {
        LiveMonitor primary = LiveMonitor.of(bundle, SOURCE, direct().countWindows(1_000));
        LiveMonitor shadow = LiveMonitor.of(bundle, new Alarm.Source("probe", "toy", 2, "SHADOW"),
                direct().countWindows(1_000));
        PendingLabels pending = new PendingLabels(direct());
        PredictionId id = PredictionId.next();
        Prediction.Regression answer = new Prediction.Regression(1.0, new Prediction.Origin(id, "toy", 1));
        pending.answered(primary, answer);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Number slow = new PausingNumber(inside, release, calls);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> delivery = first.submit(() -> pending.label(id, slow));
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            pending.shadowed(answer, shadow, new Prediction.Regression(1.5, new Prediction.Origin(PredictionId.next(),
                    "toy", 2)));
            release.countDown();
            boolean taken = delivery.get(5, TimeUnit.SECONDS);
            boolean retried = taken || pending.label(id, 2.0); // the caller was told "not waiting"; a retry
            recordSome(primary, 0);
            primary.closeWindow();
            long counted = primary.reports().get(0).measurement().orElseThrow().labels();
            assertTrue(retried);
            assertEquals(1, counted, "first delivery returned " + taken + "; the primary counted " + counted
                    + " labels for one answer");
        } finally {
            first.shutdownNow();
            primary.close();
            shadow.close();
        }
    }

    /**
     * close() hands "end the run" to the executor after the last window; an executor with two threads
     * (or any that does not run tasks in submission order) may end the run first, and the last window
     * then opens a new run that is never ended.
     */
    @Test
    void theMonitorsRunIsEndedWhateverOrderTheExecutorRunsTasksIn() {
        try (Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null))) {
            List<Runnable> queued = Collections.synchronizedList(new ArrayList<>());
            LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, MonitorSettings.defaults().executor(queued::add)
                    .countWindows(50).minRows(1).recordTo(tracker));
            for (int i = 0; i < 50; i++) {
                monitor.record(Toy.row(i), answer(i));
            }
            monitor.closeWindow();
            monitor.close();
            List<Runnable> tasks = new ArrayList<>(queued);
            Collections.reverse(tasks); // as two pool threads may well run them
            tasks.forEach(Runnable::run);
            List<RunInfo> runs = tracker.experiment("monitoring").runs();
            assertEquals(1, runs.size());
            assertEquals(RunStatus.FINISHED, runs.get(0).status(), "the run of a closed monitor is left open");
        }
    }

    /** After close(), a closeWindow() of a sliding monitor reports again and reopens a run never ended. */
    @Test
    void aClosedMonitorReportsNothingMore() {
        try (Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null))) {
            LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(50).slidingOver(2)
                    .recordTo(tracker));
            for (int i = 0; i < 50; i++) {
                monitor.record(Toy.row(i), answer(i));
            }
            monitor.close();
            int before = monitor.reports().size();
            monitor.closeWindow();
            assertEquals(before, monitor.reports().size(), "a closed monitor produced another report");
            List<RunInfo> runs = tracker.experiment("monitoring").runs();
            assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.FINISHED), runs.toString());
        }
    }

    /**
     * A window whose nullable numeric input has one value (every other row missing it) cannot be
     * worked out: the KS test refuses one value, and the whole report (drift of every other input,
     * health, alarms) is dropped with a log line.
     */
    @Test
    void aWindowWithOneValueOfANumericInputIsStillReported() {
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(300))) {
            for (int i = 0; i < 300; i++) {
                Features row = Toy.row(i);
                if (i > 0) {
                    row = row.toBuilder().missing("x").build(); // an upstream outage nulls x
                }
                monitor.record(row, bundle.predict(row));
            }
            assertEquals(1, monitor.reports().size(), "the window of 300 requests was dropped");
        }
    }

    @Test
    void aOneRowWindowIsReportedNotDropped() {
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(300))) {
            monitor.record(Toy.row(1), answer(1));
            monitor.closeWindow(); // as Deployment does when the version retires
            assertEquals(1, monitor.reports().size());
        }
    }

    /** A label whose first reading pauses until released: any real thread can be paused there. */
    private static final class PausingNumber extends Number {
        private final CountDownLatch inside;
        private final CountDownLatch release;
        private final AtomicInteger calls;

        PausingNumber(CountDownLatch inside, CountDownLatch release, AtomicInteger calls) {
            this.inside = inside;
            this.release = release;
            this.calls = calls;
        }

        @Override
        public double doubleValue() {
            if (calls.getAndIncrement() == 0) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 2.0;
        }

        @Override
        public int intValue() {
            return 2;
        }

        @Override
        public long longValue() {
            return 2;
        }

        @Override
        public float floatValue() {
            return 2;
        }
    }
}

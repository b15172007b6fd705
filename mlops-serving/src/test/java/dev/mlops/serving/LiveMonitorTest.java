package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.bundle.MonitoringBaseline;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MonitorListener;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A live monitor against the batch comparison, its windows, alarms and failure modes. */
class LiveMonitorTest {

    private static final Alarm.Source SOURCE = new Alarm.Source("toy", "toy", 1, "PRIMARY");
    private static ModelBundle bundle;

    @BeforeAll
    static void train() {
        // references of more than 1,000 rows: the distance tests, as in production
        bundle = Toy.bundle(1, 3_000).withHeldOut(Toy.frame(1_500, 99));
    }

    private static MonitorSettings direct() {
        return MonitorSettings.defaults().executor(Runnable::run);
    }

    private static void stream(LiveMonitor monitor, Frame rows) {
        List<Prediction> answers = bundle.predict(rows);
        for (int i = 0; i < rows.rowCount(); i++) {
            monitor.record(rows.row(i), answers.get(i));
        }
    }

    private static DriftReport batchInputs(Frame rows) {
        MonitoringBaseline baseline = bundle.monitoring().orElseThrow();
        return baseline.features().reference().compare(rows.select(baseline.features().names()));
    }

    private static DriftReport batchPredictions(Frame rows) {
        MonitoringBaseline baseline = bundle.monitoring().orElseThrow();
        return baseline.predictionBaseline().orElseThrow().reference().compare(
                MonitoringBaseline.predictionFrame(bundle.signature(), bundle.predict(rows)));
    }

    private static Frame slice(Frame frame, int from, int to) {
        return frame.take(IntStream.range(from, to).toArray());
    }

    @Test
    void eachWindowEqualsTheBatchComparisonOfItsRows() {
        Frame serve = Toy.frame(900, 7).drop("y");
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(300).minRows(100))) {
            stream(monitor, serve);
            List<WindowReport> reports = monitor.reports();
            assertEquals(3, reports.size());
            for (int w = 0; w < 3; w++) {
                Frame rows = slice(serve, 300 * w, 300 * (w + 1));
                WindowReport report = reports.get(w);
                assertEquals(w, report.index());
                assertEquals(300, report.rows());
                assertEquals(300, report.requests());
                assertTrue(report.decided());
                assertEquals(batchInputs(rows), report.inputDrift().orElseThrow(), "window " + w);
                assertEquals(batchPredictions(rows), report.predictionDrift().orElseThrow(), "window " + w);
                assertTrue(report.performance().isPresent());
                assertEquals(List.of(), report.unavailable());
            }
        }
    }

    @Test
    void aSlidingWindowCoversTheLastSteps() {
        Frame serve = Toy.frame(500, 8).drop("y");
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(100).slidingOver(3)
                .minRows(1))) {
            stream(monitor, serve);
            List<WindowReport> reports = monitor.reports();
            assertEquals(5, reports.size());
            for (int w = 0; w < 5; w++) {
                int from = Math.max(0, w - 2) * 100;
                int to = (w + 1) * 100;
                assertEquals(to - from, reports.get(w).rows(), "window " + w);
                assertEquals(batchInputs(slice(serve, from, to)), reports.get(w).inputDrift().orElseThrow(), "window "
                        + w);
            }
        }
    }

    @Test
    void aTimeWindowClosesWhenItsTimeIsUpAndKeepsAUniformSampleOfAtMostMaxRows() {
        MovableClock clock = new MovableClock();
        Frame serve = Toy.frame(400, 9).drop("y");
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().timeWindows(Duration.ofMinutes(1))
                .maxRows(50).minRows(10).clock(clock))) {
            stream(monitor, slice(serve, 0, 120));
            monitor.tick();
            assertEquals(0, monitor.reports().size(), "the minute is not over");
            clock.advance(Duration.ofSeconds(61));
            monitor.tick();
            WindowReport first = monitor.reports().get(0);
            assertEquals(120, first.requests());
            assertEquals(50, first.rows());
            stream(monitor, slice(serve, 120, 150)); // the next minute
            clock.advance(Duration.ofSeconds(60));
            stream(monitor, slice(serve, 150, 151)); // a request after the minute closes it
            WindowReport second = monitor.reports().get(1);
            assertEquals(30, second.requests());
            assertEquals(batchInputs(slice(serve, 120, 150)), second.inputDrift().orElseThrow());
        }
    }

    @Test
    void aShiftedInputRaisesOneAlarmNamingItAfterTwoWindowsAndAStableStreamRaisesNone() {
        List<Alarm> raised = new ArrayList<>();
        MonitorListener hear = new MonitorListener() {
            @Override
            public void raised(Alarm alarm) {
                raised.add(alarm);
            }
        };
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().listener(hear))) {
            for (int w = 0; w < 10; w++) {
                stream(monitor, Toy.frame(2_000, 100 + w).drop("y"));
            }
            assertEquals(List.of(), raised, "stable stream");
            for (int w = 0; w < 4; w++) {
                Frame shifted = Toy.frame(2_000, 200 + w).drop("y");
                double[] z = shifted.numeric("z").toArray();
                for (int i = 0; i < z.length; i++) {
                    z[i] += 3; // z is uniform on [0, 10): its standard deviation is 2.9
                }
                stream(monitor, shifted.withColumn(NumericColumn.of("z", z)));
            }
        }
        List<Alarm> onZ = raised.stream().filter(a -> a.subject().equals("z")).toList();
        assertEquals(1, onZ.size(), raised.toString());
        assertEquals(Alarm.Kind.FEATURE_DRIFT, onZ.get(0).kind());
        assertEquals(11, onZ.get(0).window(), "the second shifted window raises it");
        assertTrue(onZ.get(0).message().contains("2 windows in a row"), onZ.get(0).message());
        assertFalse(raised.stream().anyMatch(a -> a.subject().equals("x") || a.subject().equals("city")), raised
                .toString());
    }

    @Test
    void whenTheAnalysisFallsBehindStepsAreSkippedAndCountedNotQueued() {
        List<Runnable> queued = new ArrayList<>();
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, MonitorSettings.defaults().executor(queued::add)
                .countWindows(100))) {
            stream(monitor, Toy.frame(1_000, 13).drop("y")); // ten steps, none worked out yet
            assertEquals(2, queued.size(), "only the spare panes are handed to the analysis");
            queued.forEach(Runnable::run);
            stream(monitor, Toy.frame(100, 14).drop("y"));
            queued.get(queued.size() - 1).run();
            List<WindowReport> reports = monitor.reports();
            assertEquals(3, reports.size());
            assertEquals(8, reports.get(2).skipped(), reports.get(2).toString());
        }
    }

    @Test
    void aListenerThatThrowsBreaksNeitherServingNorMonitoring() {
        MonitorListener broken = new MonitorListener() {
            @Override
            public void window(WindowReport report) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, direct().countWindows(100).listener(broken))) {
            stream(monitor, Toy.frame(300, 10).drop("y"));
            assertEquals(3, monitor.reports().size());
        }
    }

    @Test
    void aBundleWithoutABaselineIsWatchedForWhatItHasAndSaysWhatIsUnavailable() {
        ModelBundle old = ModelBundle.of(bundle.signature(), bundle.preparation(), bundle.model(), bundle.profile(),
                bundle.metadata());
        ModelBundle trainedOnly = Toy.bundle();
        try (LiveMonitor none = LiveMonitor.of(old, SOURCE, direct().countWindows(100));
                LiveMonitor inputsOnly = LiveMonitor.of(trainedOnly, SOURCE, direct().countWindows(100))) {
            Frame rows = Toy.frame(100, 11).drop("y");
            List<Prediction> answers = old.predict(rows);
            for (int i = 0; i < rows.rowCount(); i++) {
                none.record(rows.row(i), answers.get(i));
                inputsOnly.record(rows.row(i), answers.get(i));
            }
            WindowReport blind = none.reports().get(0);
            assertNull(blind.inputs());
            assertNull(blind.predictions());
            assertTrue(blind.unavailable().get(0).contains("no monitoring baseline (format 1)"), blind.toString());
            WindowReport half = inputsOnly.reports().get(0);
            assertTrue(half.inputDrift().isPresent());
            assertTrue(half.predictionDrift().isEmpty());
            assertTrue(half.unavailable().get(0).contains("never scored on held-out rows"), half.toString());
        }
    }

    @Test
    void concurrentRequestsAreEachCountedOnce() throws Exception {
        Frame serve = Toy.frame(1_000, 12).drop("y");
        List<Prediction> answers = bundle.predict(serve);
        List<Features> rows = IntStream.range(0, serve.rowCount()).mapToObj(serve::row).toList();
        ExecutorService windows = Executors.newSingleThreadExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (LiveMonitor monitor = LiveMonitor.of(bundle, SOURCE, MonitorSettings.defaults().executor(windows)
                .countWindows(500))) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(callers.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        for (int i = 0; i < rows.size(); i++) {
                            monitor.record(rows.get(i), answers.get(i));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            windows.shutdown();
            assertTrue(windows.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
            List<WindowReport> reports = monitor.reports();
            // a window the analysis could not keep up with is skipped, and counted in the next report
            long skipped = monitor.skippedSteps();
            assertEquals(80, reports.size() + skipped, reports.size() + " worked out + " + skipped + " skipped");
            assertTrue(reports.stream().mapToLong(WindowReport::skipped).sum() <= skipped);
            assertTrue(reports.stream().allMatch(r -> r.rows() == 500 && r.requests() == 500), reports.toString());
            // every row was written: each window's categories are among the toy's, none left empty
            assertTrue(reports.stream().allMatch(r -> r.inputDrift().orElseThrow().column("city").orElseThrow()
                    .currentCount() == 500));
        } finally {
            callers.shutdownNow();
        }
    }
}

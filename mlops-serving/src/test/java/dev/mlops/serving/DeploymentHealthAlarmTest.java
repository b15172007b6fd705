package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.MonitorListener;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version that fails or slows down raises its own alarm; invalid input from callers does not. */
class DeploymentHealthAlarmTest {

    @TempDir
    Path dir;

    private static final class Heard implements MonitorListener {
        final List<Alarm> alarms = Collections.synchronizedList(new ArrayList<>());
        final List<WindowReport> windows = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void raised(Alarm alarm) {
            alarms.add(alarm);
        }

        @Override
        public void window(WindowReport report) {
            windows.add(report);
        }
    }

    private List<Alarm> serve(Sabotaged.Mode mode, int delayMillis, MonitorSettings settings, int requests) {
        Heard heard = new Heard();
        try (Tracker tracker = Tracking.local(dir.resolve(mode.name()), LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("toy", ModelSource.of(Sabotaged.bundle(Toy.bundle(), mode, delayMillis)
                    .toBytes()));
            tracker.registry().setAlias("toy", "champion", 1);
            try (Deployment deployment = Deployment.of(tracker.registry(), "toy@champion").pollEvery(null)
                    .monitoring(settings.executor(Runnable::run).listener(heard).raiseAfter(1).minRows(10)).start()) {
                for (int i = 0; i < requests; i++) {
                    try {
                        deployment.predict(Toy.row(i));
                    } catch (RuntimeException failed) {
                        // counted by the monitor
                    }
                }
            }
        }
        return heard.alarms;
    }

    @Test
    void aVersionFailingHalfItsRequestsRaisesAnErrorRateAlarm() {
        List<Alarm> alarms = serve(Sabotaged.Mode.FLAKY, 0, MonitorSettings.defaults().countWindows(50), 300);
        // its failures start after a warm-up of 400 predictions in all: the first window that has them alarms
        Alarm errors = alarms.stream().filter(a -> a.kind() == Alarm.Kind.ERROR_RATE).findFirst().orElseThrow();
        assertTrue(errors.value() > 0.3, errors.toString());
        assertTrue(errors.message().contains("failed (at most 1.00%)"), errors.message());
    }

    @Test
    void aSlowVersionRaisesALatencyAlarm() {
        List<Alarm> alarms = serve(Sabotaged.Mode.SLOW_ANSWERS, 5, MonitorSettings.defaults().countWindows(20)
                .maxP99(Duration.ofMillis(1)), 300);
        Alarm slow = alarms.stream().filter(a -> a.kind() == Alarm.Kind.LATENCY).findFirst().orElseThrow();
        assertTrue(slow.value() > 1_000 && slow.threshold() == 1_000, slow.toString());
    }

    @Test
    void callersInvalidRequestsAreNotTheVersionsErrors() {
        Heard heard = new Heard();
        List<Alarm> healthy = serveHealthyWithInvalid(heard);
        assertEquals(List.of(), healthy.stream().filter(a -> a.kind() == Alarm.Kind.ERROR_RATE).toList());
        assertTrue(heard.windows.stream().allMatch(w -> w.health().errorRate() == 0.0), heard.windows.toString());
    }

    private List<Alarm> serveHealthyWithInvalid(Heard heard) {
        try (Tracker tracker = Tracking.local(dir.resolve("healthy"), LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("toy", ModelSource.of(Toy.bundle().toBytes()));
            tracker.registry().setAlias("toy", "champion", 1);
            try (Deployment deployment = Deployment.of(tracker.registry(), "toy@champion").pollEvery(null)
                    .monitoring(MonitorSettings.defaults().countWindows(50).executor(Runnable::run).listener(heard)
                            .raiseAfter(1).minRows(10)).start()) {
                for (int i = 0; i < 200; i++) {
                    deployment.predict(Toy.row(i));
                    try {
                        deployment.predict(Toy.row(i).toBuilder().set("x", Double.NaN).build());
                    } catch (dev.mlops.api.InvalidInputException refused) {
                        // the caller's fault
                    }
                }
            }
        }
        return heard.alarms;
    }
}

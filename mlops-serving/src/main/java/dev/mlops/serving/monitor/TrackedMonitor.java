package dev.mlops.serving.monitor;

import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records one monitor in a tracker: a run named after its source in the experiment
 * {@value #EXPERIMENT}, with the source as parameters, each window's figures as metrics stepped by
 * the window's index, and each alarm raised or cleared as an event: a JSON artifact
 * {@code events/<window>-<n>.json}. Called on the monitor's analysis thread only; a store that fails
 * (a full disk) is logged by the monitor's guard and monitoring goes on.
 */
final class TrackedMonitor implements MonitorListener {

    /** The experiment monitors record their runs in. */
    static final String EXPERIMENT = "monitoring";

    private final Tracker tracker;
    private final Alarm.Source source;
    private Run run;
    private long events;
    private boolean finished;

    TrackedMonitor(Tracker tracker, Alarm.Source source) {
        this.tracker = tracker;
        this.source = source;
    }

    private Run run() {
        if (finished) {
            throw new IllegalStateException("monitor " + source + " is closed; its run was ended");
        }
        if (run == null) {
            run = tracker.experiment(EXPERIMENT).start(source.name() + " " + source.model() + "/" + source.version()
                    + " " + source.role().toLowerCase(java.util.Locale.ROOT));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("deployment", source.name());
            params.put("model", source.model());
            params.put("version", Integer.toString(source.version()));
            params.put("role", source.role());
            run.logParams(params);
        }
        return run;
    }

    @Override
    public void window(WindowReport report) {
        Run to = run();
        long step = report.index();
        to.logMetric("window.requests", report.requests(), step);
        to.logMetric("window.rows", report.rows(), step);
        report.inputDrift().ifPresent(d -> to.logMetric("drift.inputs.share", d.driftedShare(), step));
        report.predictionDrift().ifPresent(d -> to.logMetric("drift.predictions.share", d.driftedShare(), step));
        report.performance().ifPresent(e -> {
            to.logMetric("estimated.accuracy", e.accuracy(), step);
            if (!Double.isNaN(e.f1())) {
                to.logMetric("estimated.f1", e.f1(), step);
            }
        });
        report.measurement().ifPresent(m -> {
            to.logMetric("measured.labels", m.labels(), step);
            if (!Double.isNaN(m.accuracy())) {
                to.logMetric("measured.accuracy", m.accuracy(), step);
            } else {
                to.logMetric("measured.mae", m.mae(), step);
                to.logMetric("measured.rmse", m.rmse(), step);
            }
        });
        if (report.health() != null) {
            to.logMetric("health.errorRate", report.health().errorRate(), step);
            to.logMetric("health.p99Micros", report.health().p99Micros(), step);
        }
        to.flush(); // a window is rare: each is readable as soon as it is recorded
    }

    /** Ends the run, once the monitor's last window is recorded. */
    void finish() {
        finished = true;
        if (run != null) {
            run.end(dev.mlops.api.tracking.RunStatus.FINISHED);
            run.close();
            run = null;
        }
    }

    @Override
    public void raised(Alarm alarm) {
        event("raised", alarm);
    }

    @Override
    public void cleared(Alarm alarm) {
        event("cleared", alarm);
    }

    private void event(String what, Alarm alarm) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", what);
        event.put("kind", alarm.kind().name());
        event.put("subject", alarm.subject());
        event.put("window", alarm.window());
        event.put("at", alarm.at().toString());
        event.put("value", Double.isFinite(alarm.value()) ? alarm.value() : null);
        event.put("threshold", Double.isFinite(alarm.threshold()) ? alarm.threshold() : null);
        event.put("message", alarm.message());
        run().logJson(String.format(java.util.Locale.ROOT, "events/%08d-%d.json", alarm.window(), events++),
                json(event));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String json(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalStateException("an event of text and numbers is always writable", e);
        }
    }
}

package dev.mlops.serving.monitor;

import dev.mlops.core.drift.ColumnDrift;
import dev.mlops.core.drift.DriftReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each subject's alarm state across windows: raised after enough windows beyond its threshold in a
 * row, cleared after enough safely inside it, then quiet for the cooldown. Used by one thread at a
 * time (the monitor's window work); {@link #standing()} may be read from any.
 */
final class AlarmBook {

    private final Alarm.Source source;
    private final MonitorSettings settings;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Alarm> cleared = new ArrayList<>();
    private volatile List<Alarm> standing = List.of();

    AlarmBook(Alarm.Source source, MonitorSettings settings) {
        this.source = source;
        this.settings = settings;
    }

    /** One subject's streaks and its standing alarm. */
    private static final class State {
        int bad;
        int safe;
        Alarm raised;
        long quietUntil;
    }

    /** Takes one decided window into account; returns the alarms it raised. */
    List<Alarm> decide(long window, Instant at, DriftReport inputs, DriftReport predictions,
            PerformanceEstimate estimate, MeasuredPerformance measured, double heldOutAccuracy, Health health) {
        List<Alarm> raised = new ArrayList<>();
        if (inputs != null) {
            for (ColumnDrift column : inputs.columns()) {
                judge(raised, Alarm.Kind.FEATURE_DRIFT, column.column(), window, at, bad(column), safe(column),
                        column.score(), column.threshold(), describe(column));
            }
            String drifted = inputs.drifted().stream().map(ColumnDrift::column).toList().toString();
            judge(raised, Alarm.Kind.DATASET_DRIFT, "dataset", window, at, inputs.datasetDrifted(),
                    inputs.driftedShare() < inputs.shareThreshold() * settings.clearFactor(), inputs.driftedShare(),
                    inputs.shareThreshold(), String.format(Locale.ROOT, "%.0f%% of the inputs drifted %s",
                            100 * inputs.driftedShare(), drifted));
        }
        if (predictions != null) {
            List<ColumnDrift> moved = predictions.drifted();
            boolean allSafe = predictions.columns().stream().allMatch(this::safe);
            ColumnDrift worst = moved.isEmpty() ? null : moved.get(0);
            judge(raised, Alarm.Kind.PREDICTION_DRIFT, "predictions", window, at, !moved.isEmpty(), allSafe,
                    worst == null ? Double.NaN : worst.score(), worst == null ? Double.NaN : worst.threshold(),
                    "the predictions drifted: " + moved.stream().map(this::describe).toList());
        }
        if (estimate != null && estimate.trusted() && !Double.isNaN(estimate.heldOutAccuracy())) {
            double floor = estimate.heldOutAccuracy() - settings.accuracyDrop();
            judge(raised, Alarm.Kind.ESTIMATED_PERFORMANCE, "accuracy", window, at, estimate.accuracy() < floor,
                    estimate.accuracy() >= estimate.heldOutAccuracy() - settings.accuracyDrop() * settings.clearFactor(),
                    estimate.accuracy(), floor, String.format(Locale.ROOT,
                            "estimated accuracy %.4f is below %.4f (held-out %.4f less %.4f)", estimate.accuracy(),
                            floor, estimate.heldOutAccuracy(), settings.accuracyDrop()));
        }
        if (measured != null && measured.labels() >= settings.minLabels() && !Double.isNaN(measured.accuracy())
                && !Double.isNaN(heldOutAccuracy)) {
            double floor = heldOutAccuracy - settings.accuracyDrop();
            judge(raised, Alarm.Kind.MEASURED_PERFORMANCE, "accuracy", window, at, measured.accuracy() < floor,
                    measured.accuracy() >= heldOutAccuracy - settings.accuracyDrop() * settings.clearFactor(),
                    measured.accuracy(), floor, String.format(Locale.ROOT,
                            "measured accuracy %.4f on %d labels is below %.4f (held-out %.4f less %.4f)",
                            measured.accuracy(), measured.labels(), floor, heldOutAccuracy, settings.accuracyDrop()));
        }
        if (health != null) {
            double rate = settings.maxErrorRate();
            judge(raised, Alarm.Kind.ERROR_RATE, "errors", window, at, health.errorRate() > rate,
                    health.errorRate() <= rate * settings.clearFactor(), health.errorRate(), rate,
                    String.format(Locale.ROOT, "%.2f%% of %,d requests failed (at most %.2f%%)",
                            100 * health.errorRate(), health.requests(), 100 * rate));
            if (settings.maxP99() != null) {
                double bound = settings.maxP99().toNanos() / 1_000.0;
                judge(raised, Alarm.Kind.LATENCY, "p99", window, at, health.p99Micros() > bound,
                        health.p99Micros() <= bound * settings.clearFactor(), health.p99Micros(), bound,
                        String.format(Locale.ROOT, "p99 %.1f us over %,d requests (at most %.1f us)",
                                health.p99Micros(), health.requests(), bound));
            }
        }
        standing = states.values().stream().filter(s -> s.raised != null).map(s -> s.raised).toList();
        return raised;
    }

    private void judge(List<Alarm> raised, Alarm.Kind kind, String subject, long window, Instant at, boolean bad,
            boolean safe, double value, double threshold, String message) {
        State state = states.computeIfAbsent(kind + "\u0000" + subject, k -> new State());
        state.bad = bad ? state.bad + 1 : 0;
        state.safe = safe ? state.safe + 1 : 0;
        if (state.raised == null && state.bad >= settings.raiseAfter() && window >= state.quietUntil) {
            state.raised = new Alarm(kind, subject, source, window, at, value, threshold, message
                    + (settings.raiseAfter() > 1 ? " (" + state.bad + " windows in a row)" : ""));
            raised.add(state.raised);
        } else if (state.raised != null && state.safe >= settings.clearAfter()) {
            cleared.add(new Alarm(kind, subject, source, window, at, value, threshold, "cleared after "
                    + state.safe + " windows inside the threshold: " + message));
            state.raised = null;
            state.quietUntil = window + 1 + settings.cooldown();
        }
    }

    private boolean bad(ColumnDrift column) {
        return column.drifted();
    }

    /** Safely inside the threshold: a distance below it times the clear factor, a p-value above it divided by it. */
    private boolean safe(ColumnDrift column) {
        double score = column.score();
        if (Double.isNaN(score)) {
            return false;
        }
        return column.method().isPValue() ? score > column.threshold() / settings.clearFactor()
                : score < column.threshold() * settings.clearFactor();
    }

    private String describe(ColumnDrift column) {
        return String.format(Locale.ROOT, "%s: %s %.4g (threshold %s)", column.column(),
                column.method().displayName(), column.score(), column.threshold());
    }

    /** The alarms cleared since the last call. */
    List<Alarm> drainCleared() {
        List<Alarm> drained = List.copyOf(cleared);
        cleared.clear();
        return drained;
    }

    List<Alarm> standing() {
        return standing;
    }
}

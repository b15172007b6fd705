package dev.mlops.serving.monitor;

import dev.mlops.core.drift.DriftReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one closed window showed for one version.
 *
 * @param source      whose window it was
 * @param index       its index, from 0
 * @param start       when its first step opened
 * @param end         when it closed
 * @param requests    the requests answered in it
 * @param rows        the rows it kept (fewer than {@code requests} when a time window sampled them)
 * @param decided     whether it had the rows the settings ask before deciding
 * @param inputs      the inputs' drift against the training baseline; null when the bundle has none
 * @param predictions the predictions' drift against the held-out baseline; null when the bundle has none
 * @param estimate    the estimated performance; null when the model has no held-out calibration
 * @param measured    the performance measured on the labels that arrived in the window; null when none did
 * @param health      the requests' failures and latency in the window; null when no outcome was reported
 * @param raised      the alarms this window raised
 * @param unavailable what could not be monitored and why (format 1 bundle, no held-out rows, ...)
 * @param skipped     steps before this window that were not worked out because the analysis was behind
 * @since 0.1
 */
public record WindowReport(Alarm.Source source, long index, Instant start, Instant end, long requests, int rows,
        boolean decided, DriftReport inputs, DriftReport predictions, PerformanceEstimate estimate,
        MeasuredPerformance measured, Health health, List<Alarm> raised, List<String> unavailable, long skipped) {

    /** Copies the lists. */
    public WindowReport {
        raised = List.copyOf(raised);
        unavailable = List.copyOf(unavailable);
    }

    /** The inputs' drift, when the bundle had a baseline. */
    public Optional<DriftReport> inputDrift() {
        return Optional.ofNullable(inputs);
    }

    /** The predictions' drift, when the bundle had a held-out baseline. */
    public Optional<DriftReport> predictionDrift() {
        return Optional.ofNullable(predictions);
    }

    /** The performance measured on the labels that arrived in the window, when some did. */
    public Optional<MeasuredPerformance> measurement() {
        return Optional.ofNullable(measured);
    }

    /** The performance estimate, when the model had a held-out calibration. */
    public Optional<PerformanceEstimate> performance() {
        return Optional.ofNullable(estimate);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "window %d of %s: %,d requests, %,d rows%s",
                index, source, requests, rows, decided ? "" : " (too few to decide)"));
        if (inputs != null) {
            long drifted = inputs.columns().stream().filter(c -> c.drifted()).count();
            text.append(String.format(Locale.ROOT, "; inputs %d of %d drifted%s", drifted, inputs.columns().size(),
                    inputs.datasetDrifted() ? " (dataset drift)" : ""));
        }
        if (predictions != null) {
            text.append(predictions.columns().stream().anyMatch(c -> c.drifted()) ? "; predictions drifted"
                    : "; predictions stable");
        }
        if (estimate != null) {
            text.append("; ").append(estimate);
        }
        if (measured != null) {
            text.append("; ").append(measured);
        }
        if (health != null) {
            text.append("; ").append(health);
        }
        if (skipped > 0) {
            text.append(System.lineSeparator()).append("  ").append(skipped)
                    .append(" earlier steps skipped: the analysis was behind");
        }
        raised.forEach(alarm -> text.append(System.lineSeparator()).append("  ALARM ").append(alarm));
        unavailable.forEach(u -> text.append(System.lineSeparator()).append("  unavailable: ").append(u));
        return text.toString();
    }
}

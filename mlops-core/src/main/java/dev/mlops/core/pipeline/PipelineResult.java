package dev.mlops.core.pipeline;

import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.pipeline.PipelineStage;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.core.tune.TuningResult;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a pipeline run produced and decided. Immutable. A run that ends here ended by a decision
 * ({@link Outcome}); a stage that threw raised a {@link PipelineException} instead.
 *
 * @since 0.1
 */
public final class PipelineResult {

    /** How a run ended. */
    public enum Outcome {
        /** Every gate passed and the model was registered (and the alias moved, when one was named). */
        REGISTERED,
        /** Every gate passed; no registry was given, so nothing was registered. */
        PASSED,
        /** A gate failed: the model was not registered. */
        GATE_FAILED,
        /** A data check of severity ERROR failed: nothing was trained. */
        VALIDATION_FAILED
    }

    private final String name;
    private final Outcome outcome;
    private final String reason;
    private final ValidationReport validation;
    private final int trainRows;
    private final int testRows;
    private final ModelBundle bundle;
    private final TuningResult tuning;
    private final Map<String, Double> metrics;
    private final int championVersion;
    private final Map<String, Double> championMetrics;
    private final List<GateResult> gates;
    private final String runId;
    private final ModelVersion registered;
    private final Map<PipelineStage, Duration> timings;
    private final java.util.Set<PipelineStage> cached;
    private final String deployed;

    PipelineResult(String name, Outcome outcome, String reason, ValidationReport validation, int trainRows,
            int testRows, ModelBundle bundle, TuningResult tuning, Map<String, Double> metrics, int championVersion,
            Map<String, Double> championMetrics, List<GateResult> gates, String runId, ModelVersion registered,
            Map<PipelineStage, Duration> timings, java.util.Set<PipelineStage> cached, String deployed) {
        this.name = name;
        this.outcome = outcome;
        this.reason = reason;
        this.validation = validation;
        this.trainRows = trainRows;
        this.testRows = testRows;
        this.bundle = bundle;
        this.tuning = tuning;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.championVersion = championVersion;
        this.championMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(championMetrics));
        this.gates = List.copyOf(gates);
        this.runId = runId;
        this.registered = registered;
        this.timings = Collections.unmodifiableMap(new EnumMap<>(timings));
        this.deployed = deployed;
        this.cached = cached.isEmpty() ? java.util.Set.of() : Collections.unmodifiableSet(java.util.EnumSet.copyOf(cached));
    }

    /** The pipeline's name. */
    public String name() {
        return name;
    }

    /** How the run ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** In a sentence: what was registered, or why nothing was. */
    public String reason() {
        return reason;
    }

    /** The data checks' report (empty when the pipeline has no checks). */
    public ValidationReport validation() {
        return validation;
    }

    /** Rows trained on (0 when nothing was trained). */
    public int trainRows() {
        return trainRows;
    }

    /** Rows tested on (0 when nothing was tested). */
    public int testRows() {
        return testRows;
    }

    /** The trained model with its metrics; empty when validation failed. */
    public Optional<ModelBundle> bundle() {
        return Optional.ofNullable(bundle);
    }

    /** The search, when the pipeline tuned. */
    public Optional<TuningResult> tuning() {
        return Optional.ofNullable(tuning);
    }

    /** The new model's metrics on the test rows (empty when validation failed). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The champion's version, 0 when no alias named one. */
    public int championVersion() {
        return championVersion;
    }

    /** The champion's metrics on the same test rows; empty when there is none or it could not be scored. */
    public Map<String, Double> championMetrics() {
        return championMetrics;
    }

    /** Each gate's decision, in order. */
    public List<GateResult> gates() {
        return gates;
    }

    /** The tracked run; empty when the pipeline was not tracked. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** The registered version; empty when nothing was registered. */
    public Optional<ModelVersion> registered() {
        return Optional.ofNullable(registered);
    }

    /** Time spent in each stage that ran, in stage order. */
    public Map<PipelineStage, Duration> timings() {
        return timings;
    }

    /** What the DEPLOY stage put into service, in a sentence; empty when the pipeline has no deployer. */
    public Optional<String> deployed() {
        return Optional.ofNullable(deployed);
    }

    /** The stages whose output was read from the stage cache instead of computed. */
    public java.util.Set<PipelineStage> cached() {
        return cached;
    }

    /** A short table: outcome, data, model, metrics beside the champion's, gates, time per stage. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("Pipeline ").append(name).append(": ").append(outcome).append(" - ").append(reason).append('\n');
        if (runId != null) {
            line(text, "run", runId);
        }
        line(text, "checks", validation.results().size() + " run, " + validation.errors().size() + " failed as errors, "
                + validation.warnings().size() + " as warnings");
        if (bundle != null) {
            line(text, "data", String.format(Locale.ROOT, "%,d rows to train, %,d to test", trainRows, testRows));
            line(text, "model", bundle.metadata().algorithm() + (tuning == null ? ""
                    : " (tuned: " + tuning.trials().size() + " trials, best " + tuning.best().hyperparameters() + ")"));
            line(text, "metrics", figures(metrics));
        }
        if (championVersion > 0) {
            line(text, "champion", "version " + championVersion + (championMetrics.isEmpty() ? ""
                    : ": " + figures(championMetrics)));
        }
        for (GateResult gate : gates) {
            line(text, "gate", (gate.passed() ? "passed " : "FAILED ") + gate.gate() + " (" + gate.reason() + ")");
        }
        line(text, "time", timings.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f s%s",
                e.getKey().name().toLowerCase(Locale.ROOT), e.getValue().toNanos() / 1e9,
                cached.contains(e.getKey()) ? " (cached)" : ""))
                .collect(Collectors.joining(", ")));
        return text.toString();
    }

    /** The headline figures, four decimals, the per-class ones left out. */
    private static String figures(Map<String, Double> metrics) {
        return metrics.entrySet().stream().filter(e -> !e.getKey().contains("."))
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining("  "));
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-9s%s%n", label, value));
    }
}

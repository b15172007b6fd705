package dev.mlops.api.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as stored: everything it recorded except the full metric history (see
 * {@link Tracker#metricHistory}).
 *
 * @param id          the run's id, unique in the store
 * @param experiment  the experiment's name
 * @param name        the run's display name
 * @param parentId    the parent run's id for a nested run, or null
 * @param status      where it is in its lifecycle
 * @param started     when it started
 * @param ended       when it ended, or null while running (and for abandoned runs)
 * @param params      params, each set once
 * @param tags        tags, mutable
 * @param metrics     a summary per metric name
 * @param inputs      the dataset versions it used
 * @param artifacts   the artifacts it logged, by path
 * @param environment what it ran on: JDK, OS, CPUs, SDK and library versions, git commit
 * @param error       the recorded error of a failed run, or null
 * @since 0.1
 */
public record RunInfo(String id, String experiment, String name, String parentId, RunStatus status,
        Instant started, Instant ended, Map<String, String> params, Map<String, String> tags,
        Map<String, MetricSummary> metrics, List<DatasetInput> inputs, List<ArtifactInfo> artifacts,
        Map<String, String> environment, String error) {

    public RunInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        params = Maps.sorted(params);
        tags = Maps.sorted(tags);
        metrics = Maps.sorted(metrics);
        inputs = List.copyOf(inputs);
        artifacts = List.copyOf(artifacts);
        environment = Maps.sorted(environment);
    }

    /** The latest value of {@code metric}, if the run logged it. */
    public Optional<Double> metric(String metric) {
        MetricSummary summary = metrics.get(metric);
        return summary == null ? Optional.empty() : Optional.of(summary.latest());
    }

    /** How long the run took, if it has ended. */
    public Optional<Duration> duration() {
        return ended == null ? Optional.empty() : Optional.of(Duration.between(started, ended));
    }

    /** The artifact at {@code path}, if the run logged one there. */
    public Optional<ArtifactInfo> artifact(String path) {
        return artifacts.stream().filter(a -> a.path().equals(path)).findFirst();
    }

    /** A short summary: status and time, then a line each for params, metrics, tags, inputs and artifacts. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Run " + id + " '" + Summaries.shortened(name, 80) + "' in '"
                + Summaries.shortened(experiment, 80) + "': " + status);
        duration().ifPresent(d -> text.append(String.format(java.util.Locale.ROOT, " after %.1f s",
                d.getSeconds() + d.getNano() / 1e9)));
        if (parentId != null) {
            text.append(" (child of ").append(parentId).append(')');
        }
        text.append('\n');
        Summaries.line(text, "params", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        Summaries.line(text, "metrics", metrics.entrySet().stream().map(e -> e.getKey() + " "
                + Summaries.number(e.getValue().latest())).toList());
        Summaries.line(text, "tags", tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        Summaries.line(text, "inputs", inputs.stream().map(i -> i.dataset().reference() + " (" + i.role() + ")").toList());
        Summaries.line(text, "artifacts", artifacts.stream().map(ArtifactInfo::path).toList());
        if (error != null) {
            Summaries.line(text, "error", List.of(error));
        }
        return text.toString();
    }
}

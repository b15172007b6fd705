package dev.mlops.reports;

import dev.mlops.reports.internal.MonitoringPage;
import dev.mlops.serving.Deployment;
import dev.mlops.serving.DeploymentStats;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.WindowReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deployment's monitoring snapshot as a {@link Report}: the alarms standing, each version's
 * requests, errors and latency (and the shadows' agreement), and per monitored version its closed
 * windows as a table and as lines over the windows (estimated, held-out and measured accuracy, the
 * share of inputs drifted, error rate, p99 latency), with the latest window's drift per feature.
 *
 * <pre>{@code
 * MonitoringReports.snapshot("income, this morning", deployment).write(Path.of("monitoring.html"));
 * }</pre>
 *
 * <p>Kept apart from {@link Reports} because it needs {@code mlops-serving}, which {@code
 * mlops-reports} declares optional: an application that serves has it already.
 *
 * @since 0.1
 */
public final class MonitoringReports {

    private MonitoringReports() {
    }

    /**
     * The snapshot of a running deployment now: its {@link Deployment#stats()}, and the windows
     * ({@link LiveMonitor#reports()}, the last 256 each) and standing alarms of the monitors of the
     * versions serving now.
     */
    public static Report snapshot(String title, Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        DeploymentStats stats = deployment.stats();
        List<WindowReport> windows = new ArrayList<>();
        List<Alarm> standing = new ArrayList<>();
        for (LiveMonitor monitor : deployment.monitors()) {
            windows.addAll(monitor.reports());
            standing.addAll(monitor.standing());
        }
        return snapshot(title, stats, windows, standing);
    }

    /**
     * The snapshot of figures gathered elsewhere (from a {@link dev.mlops.serving.monitor.MonitorListener},
     * say): windows are grouped by their source, in the order given.
     */
    public static Report snapshot(String title, DeploymentStats stats, List<WindowReport> windows,
            List<Alarm> standing) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(stats, "stats");
        List<WindowReport> windowList = List.copyOf(windows);
        List<Alarm> standingList = List.copyOf(standing);
        return new Report(title, MonitoringPage.html(title, stats, windowList, standingList));
    }
}

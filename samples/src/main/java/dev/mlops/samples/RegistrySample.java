package dev.mlops.samples;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunFilter.Comparison;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Searching runs and using the registry. Each run evaluates a one-rule model on Adult ("earns
 * more than 50K when {@code education-num} is at least t") on the official test split, for every
 * threshold t; the sample then searches the finished runs for the accurate ones, best first,
 * registers the best two rules, has a reviewer approve one, points the {@code champion} alias (which
 * requires approval) and the {@code challenger} alias at them, and prints the audit log.
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am compile exec:java -Dexec.mainClass=dev.mlops.samples.RegistrySample}.
 * The store is one line of {@link #main}: the same sample runs on a team's PostgreSQL with
 * {@code PostgresTracking.open(url, user, password, 4, PostgresOptions.defaults().actor("sample-trainer"))}
 * in place of {@code Tracking.local(...)} ({@code RegistrySamplePostgresTest} does exactly that).
 */
public final class RegistrySample {

    private RegistrySample() {
    }

    public static void main(String[] args) {
        Path storeRoot = Path.of(System.getProperty("mlops.data", "mlops-data")).toAbsolutePath();
        try (Tracker tracker = Tracking.local(storeRoot, LocalOptions.defaults().actor("sample-trainer"))) {
            run(tracker);
        }
        System.out.println("\nStore: " + storeRoot);
    }

    /** The sample on any store. */
    public static void run(Tracker tracker) {
        Frame test = Datasets.adultTest().frame();
        NumericColumn education = test.numeric("education-num");
        CategoricalColumn salary = test.categorical("Salary");
        Experiment experiment = tracker.experiment("adult-rules");
        experiment.describe("One-rule models on education-num, evaluated on adult.test");
        for (int threshold = 1; threshold <= 16; threshold++) {
            try (Run run = experiment.start("education>=" + threshold)) {
                run.logParam("feature", "education-num");
                run.logParam("threshold", Integer.toString(threshold));
                run.logMetric("accuracy", accuracy(education, salary, threshold));
            }
        }
        RunQuery accurate = RunQuery.all().status(RunStatus.FINISHED)
                .metric("accuracy", Comparison.GREATER, 0.75).orderByMetric("accuracy", true).limit(5);
        List<RunInfo> best = experiment.search(accurate).runs();
        System.out.println("Finished runs with accuracy > 0.75, best first (" + experiment.runs().size()
                + " runs in the experiment):");
        for (RunInfo run : best) {
            System.out.printf(Locale.ROOT, "  %-14s accuracy %.4f  threshold %s%n", run.name(),
                    run.metric("accuracy").orElseThrow(), run.params().get("threshold"));
        }

        ModelRegistry registry = tracker.registry();
        registry.createModel("adult-rule", "One-rule income classifiers on education-num", java.util.Map.of(
                "dataset", "adult"));
        registry.requireApproval("adult-rule", "champion", true);
        ModelVersion first = register(registry, best.get(0));
        ModelVersion second = register(registry, best.get(1));
        registry.review(first.reference(), ReviewState.APPROVED, "reviewer-ana", "best rule on the official test split");
        registry.setAlias("adult-rule", "champion", first.version());
        registry.setAlias("adult-rule", "challenger", second.version());
        try {
            registry.setAlias("adult-rule", "champion", second.version());
        } catch (dev.mlops.api.tracking.ConflictException refused) {
            System.out.println("\nMoving champion to an unreviewed version is refused: " + refused.getMessage());
        }
        ModelVersion champion = registry.version("adult-rule@champion");
        System.out.println("\nadult-rule@champion is " + champion.reference() + " ("
                + new String(registry.artifact(champion), StandardCharsets.UTF_8) + "), from run "
                + champion.runId() + " with params " + registry.lineage("adult-rule@champion").run().params());
        System.out.println("\nAudit log of adult-rule:");
        for (AuditEntry entry : registry.audit("adult-rule")) {
            System.out.printf(Locale.ROOT, "  %s  %-16s %-15s version %d%n", entry.at(), entry.actor(),
                    entry.action(), entry.version());
        }
    }

    private static ModelVersion register(ModelRegistry registry, RunInfo run) {
        String rule = "{\"feature\":\"education-num\",\"threshold\":" + run.params().get("threshold") + "}";
        return registry.register("adult-rule", ModelSource.opaque(rule.getBytes(StandardCharsets.UTF_8))
                .fromRun(run.id()).metric("accuracy", run.metric("accuracy").orElseThrow())
                .description("earns >50K when education-num >= " + run.params().get("threshold")));
    }

    /** Accuracy of the rule on rows with a label; adult.test's labels end with a period. */
    static double accuracy(NumericColumn feature, CategoricalColumn label, int threshold) {
        long right = 0;
        long total = 0;
        for (int row = 0; row < feature.size(); row++) {
            if (feature.isMissing(row) || label.isMissing(row)) {
                continue;
            }
            boolean rich = label.get(row).startsWith(">50K");
            boolean predicted = feature.value(row) >= threshold;
            right += rich == predicted ? 1 : 0;
            total++;
        }
        return (double) right / total;
    }
}

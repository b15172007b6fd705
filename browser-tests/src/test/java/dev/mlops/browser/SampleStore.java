package dev.mlops.browser;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.samples.AdultMonitoring;
import dev.mlops.samples.AdultSample;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The store the README's commands make: the Adult sample and the Adult monitoring story run once
 * per test JVM into a temporary directory (their reports land in {@code reports/}), plus an experiment of {@value #RUNS} runs with
 * loss curves to sort, filter and compare.
 */
final class SampleStore {

    static final String EXPERIMENT = "browser-check";
    static final int RUNS = 24;

    private static Path root;

    private SampleStore() {
    }

    /** The store's directory, made on first use. */
    static synchronized Path root() throws Exception {
        if (root == null) {
            try {
                Path directory = Files.createTempDirectory("browser-sample-store");
                String before = System.getProperty("mlops.data");
                System.setProperty("mlops.data", directory.toString());
                try {
                    AdultSample.main(new String[0]);
                    AdultMonitoring.main(new String[0]); // adds reports/adult-monitoring.html
                } finally {
                    if (before == null) {
                        System.clearProperty("mlops.data");
                    } else {
                        System.setProperty("mlops.data", before);
                    }
                }
                try (Tracker tracker = Tracking.local(directory)) {
                    logRuns(tracker.experiment(EXPERIMENT));
                }
                root = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** A report the sample wrote, by file name. */
    static Path report(String name) throws Exception {
        return root().resolve("reports").resolve(name);
    }

    /** Runs with a depth param, an accuracy that is not monotonic in it, and a five-epoch loss curve. */
    private static void logRuns(Experiment experiment) {
        experiment.describe("runs for the browser tests: sorted, filtered and compared");
        for (int i = 0; i < RUNS; i++) {
            try (Run run = experiment.start(String.format(Locale.ROOT, "trial-%02d", i))) {
                run.logParam("depth", Integer.toString(2 + i % 6));
                run.logParam("learningRate", String.format(Locale.ROOT, "%.2f", 0.05 * (1 + i % 4)));
                run.logMetric("accuracy", 0.70 + ((i * 7) % RUNS) / 100.0);
                for (int epoch = 0; epoch < 5; epoch++) {
                    run.logMetric("loss", 1.0 / (epoch + 1) + i / 100.0, epoch);
                }
                run.tag("family", i % 2 == 0 ? "trees" : "linear");
            }
        }
    }
}

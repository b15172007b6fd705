package dev.mlops.samples;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.ModelRegistrations;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.train.Algorithms;
import dev.mlops.serving.BatchResult;
import dev.mlops.serving.BatchScoring;
import dev.mlops.serving.Deployment;
import dev.mlops.serving.DeploymentStats;
import dev.mlops.serving.Role;
import dev.mlops.serving.VersionStats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registered model, served: a deployment of {@code adult-income@champion} answers test rows,
 * keeps answering from four threads while the alias moves to a new version, shows its metrics, and
 * batch-scores {@code adult.test}.
 */
final class AdultServing {

    private static final String MODEL = "adult-income";

    private AdultServing() {
    }

    /** Serves {@code trained}, moves the alias to a newly trained logistic regression under load, scores adult.test. */
    static void run(Tracker tracker, ModelVersion trained, Frame train, Frame test, Path storeRoot) {
        ModelRegistry registry = tracker.registry();
        registry.setAlias(MODEL, "champion", trained.version());
        try (Deployment income = Deployment.of(registry, MODEL + "@champion").pollEvery(null).start()) {
            System.out.println("\nServing " + income.reference() + " (version " + income.version() + ")");
            Frame requests = test.drop(AdultTraining.TARGET);
            for (int row = 0; row < 3; row++) {
                Prediction p = income.predict(requests.row(row));
                System.out.printf(Locale.ROOT, "  row %d: %-6s confidence %.3f  version %d  id %s%n", row,
                        ((Prediction.Classification) p).label(), p.confidence(), p.origin().orElseThrow().version(),
                        p.origin().orElseThrow().id());
            }

            // a challenger, registered and made champion while four threads keep asking
            ModelBundle logistic = Training.with(Algorithms.tribuo().logisticRegression().seed(42)).fit(train,
                    AdultTraining.TARGET, AdultTraining.preparation(Algorithms.tribuo().logisticRegression()));
            ModelVersion challenger = ModelRegistrations.register(registry, MODEL, logistic, null);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong failed = new AtomicLong();
            Map<Integer, AtomicLong> answeredBy = new ConcurrentHashMap<>();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                Thread client = new Thread(() -> {
                    for (int i = first; !stop.get(); i += 4) {
                        Features row = requests.row(i % requests.rowCount());
                        try {
                            int version = income.predict(row).origin().orElseThrow().version();
                            answeredBy.computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
                clients.add(client);
                client.start();
            }
            pause(300); // let the clients run on version 1 first, so the output shows both versions answering
            registry.setAlias(MODEL, "champion", challenger.version());
            income.refresh();
            pause(300); // and on the new version after the swap
            stop.set(true);
            clients.forEach(AdultServing::join);
            System.out.printf(Locale.ROOT, "Moved %s@champion from version %d to %d under load: %s answered by"
                    + " version, %d failed requests%n", MODEL, trained.version(), income.version(),
                    new java.util.TreeMap<>(answeredBy), failed.get());

            DeploymentStats stats = income.stats();
            System.out.println("Metrics of " + stats.deployment() + ":");
            for (VersionStats v : stats.versions()) {
                System.out.printf(Locale.ROOT, "  version %d %-7s %,9d requests  %d errors  p50 %.1f us  p99 %.1f us"
                        + "  max %.0f us%n", v.version(), v.role() == Role.PRIMARY ? "primary" : v.role(),
                        v.requests(), v.errorCount(), v.p50Micros(), v.p99Micros(), v.maxMicros());
            }

            Path scored = storeRoot.resolve("adult-test-scored.csv");
            Path rejected = storeRoot.resolve("adult-test-rejected.csv");
            BatchResult result = BatchScoring.of(income).reader(Datasets.ADULT_FORMAT).rejectedTo(rejected)
                    .score(copied("/datasets/adult/adult.test", storeRoot.resolve("adult.test")), scored);
            System.out.printf(Locale.ROOT, "Batch-scored adult.test with version %d: %,d rows scored, %d set aside,"
                    + " %.0f rows/s -> %s%n", result.version(), result.scored(), result.rejected(),
                    result.rowsPerSecond(), scored);
        }
    }

    /** The classpath resource as a file: batch scoring reads files, and the resource may sit in a jar. */
    private static Path copied(String resource, Path file) {
        try (InputStream in = AdultServing.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FileNotFoundException("classpath resource " + resource);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ModelFormat;
import dev.mlops.api.model.ModelFormats;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outside review's probes, kept: each test asserts what the Javadoc promises. */
class DeploymentAttackTest {

    private static ModelBundle one;
    private static ModelBundle three;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        one = Toy.bundle(1);
        three = Toy.bundle(3);
        ModelFormats.register(new ProbeFormat());
    }

    private static Features row() {
        return Features.of("x", 0.3, "z", 4, "city", "lima", "plan", "basic", "flag", false);
    }

    private Tracker tracker(String sub) {
        return Tracking.local(dir.resolve(sub), LocalOptions.defaults().workingDirectory(null));
    }

    // ---- 1. the shared VersionCache is keyed by model/version only, not by registry ----------------

    @Test
    void aSharedCacheNeverServesAnotherRegistrysModel() {
        try (Tracker a = tracker("a"); Tracker b = tracker("b")) {
            a.registry().register("probe-shared", ModelSource.of(one.toBytes()));
            a.registry().setAlias("probe-shared", "live", 1);
            b.registry().register("probe-shared", ModelSource.of(Toy.bundleWithoutPlan().toBytes()));
            b.registry().setAlias("probe-shared", "live", 1);
            try (Deployment da = Deployment.of(a.registry(), "probe-shared@live").pollEvery(null).start();
                    Deployment db = Deployment.of(b.registry(), "probe-shared@live").pollEvery(null).start()) {
                // registry b's version 1 has no 'plan' input
                assertFalse(db.signature().inputs().names().contains("plan"),
                        "deployment on registry b serves registry a's model: " + db.signature().inputs().names());
            }
        }
    }

    // ---- 2. an Error thrown by a VersionCheck escapes refresh() and kills polling -----------------------

    @Test
    void anAssertionErrorFromACheckRefusesTheVersionAndPollingGoesOn() throws Exception {
        try (Tracker t = tracker("t")) {
            ModelRegistry registry = t.registry();
            registry.register("toy", ModelSource.of(one.toBytes()));
            registry.register("toy", ModelSource.of(three.toBytes()));
            registry.register("toy", ModelSource.of(Toy.bundle(4).toBytes()));
            registry.setAlias("toy", "champion", 1);
            AtomicLong failed = new AtomicLong();
            try (Deployment d = Deployment.of(registry, "toy@champion").pollEvery(Duration.ofMillis(50))
                    .cache(VersionCache.of(8, 1L << 30))
                    .listener(new DeploymentListener() {
                        @Override
                        public void failed(String deployment, int version, Throwable error) {
                            failed.incrementAndGet();
                        }
                    })
                    .check(candidate -> {
                        if (candidate.version() == 2) {
                            throw new AssertionError("accuracy 0.71 < 0.80"); // AssertJ/JUnit style check
                        }
                    }).start()) {
                registry.setAlias("toy", "champion", 2);
                Thread.sleep(500);
                registry.setAlias("toy", "champion", 3);
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (d.version() != 3 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                String state = "version=" + d.version() + " failed events=" + failed.get() + " loadFailures="
                        + d.loadFailures();
                assertEquals(3, d.version(), "polling stopped after the check threw an Error: " + state);
            }
        }
    }

    @Test
    void refreshDoesNotThrowForAVersionWhoseCheckThrowsAnError() {
        try (Tracker t = tracker("t2")) {
            ModelRegistry registry = t.registry();
            registry.register("toy", ModelSource.of(one.toBytes()));
            registry.register("toy", ModelSource.of(three.toBytes()));
            registry.setAlias("toy", "champion", 1);
            try (Deployment d = Deployment.of(registry, "toy@champion").pollEvery(null)
                    .cache(VersionCache.of(8, 1L << 30))
                    .check(c -> {
                        if (c.version() == 2) {
                            throw new AssertionError("worse");
                        }
                    }).start()) {
                registry.setAlias("toy", "champion", 2);
                // Javadoc: "A version that fails is reported and not served; this call does not throw for it."
                Throwable thrown = null;
                try {
                    d.refresh();
                } catch (Throwable e) {
                    thrown = e;
                }
                assertEquals(null, thrown, "refresh threw " + thrown + "; loadFailures=" + d.loadFailures());
            }
        }
    }

    // ---- 2b. a refused version named anew (after another one) is never tried again --------------------

    @Test
    void aRefusedVersionNamedAnewIsTriedAgain() {
        try (Tracker t = tracker("anew")) {
            ModelRegistry registry = t.registry();
            registry.register("toy", ModelSource.of(one.toBytes()));
            registry.register("toy", ModelSource.of(three.toBytes()));
            registry.register("toy", ModelSource.opaque(new byte[] {1, 2, 3}));
            registry.setAlias("toy", "champion", 1);
            AtomicBoolean holdoutUp = new AtomicBoolean(false);
            try (Deployment d = Deployment.of(registry, "toy@champion").pollEvery(null)
                    .cache(VersionCache.of(8, 1L << 30))
                    .check(c -> {
                        if (c.version() == 2 && !holdoutUp.get()) {
                            throw new IllegalStateException("holdout service unavailable");
                        }
                    }).start()) {
                registry.setAlias("toy", "champion", 2);
                assertEquals(1, d.refresh());
                registry.setAlias("toy", "champion", 3);   // broken
                assertEquals(1, d.refresh());
                holdoutUp.set(true);
                registry.setAlias("toy", "champion", 2);   // named anew
                assertEquals(2, d.refresh(), "version 2, named anew by the alias, is not tried again");
            }
        }
    }

    // ---- 3. close() racing predict(): a request runs on a version already released --------------------

    @Test
    void noRequestRunsOnAVersionReleasedByARacingClose() throws Exception {
        try (Tracker t = tracker("race")) {
            ModelRegistry registry = t.registry();
            registry.register("race", ModelSource.of(ProbeFormat.wrap(one).toBytes()));
            registry.setAlias("race", "live", 1);
            VersionCache cache = VersionCache.of(4, 1L << 30);
            long violations = 0;
            int cycles = 0;
            long until = System.nanoTime() + Long.getLong("mlops.race.seconds", 3) * 1_000_000_000L;
            while (System.nanoTime() < until && violations == 0) {
                cycles++;
                ProbeModel.released.set(false);
                ProbeModel.afterRelease.set(0);
                Deployment d = Deployment.of(registry, "race@live").pollEvery(null).cache(cache)
                        .warmUp(List.of(row()))
                        .listener(new DeploymentListener() {
                            @Override
                            public void released(String deployment, int version) {
                                ProbeModel.released.set(true);
                            }
                        }).start();
                Thread[] threads = new Thread[8];
                for (int i = 0; i < threads.length; i++) {
                    threads[i] = new Thread(() -> {
                        Features r = row();
                        try {
                            for (;;) {
                                d.predict(r);
                            }
                        } catch (IllegalStateException closed) {
                            // expected
                        }
                    });
                    threads[i].start();
                }
                Thread.sleep(1);
                d.close();
                for (Thread th : threads) {
                    th.join();
                }
                violations += ProbeModel.afterRelease.get();
            }
            System.out.println("RACE cycles=" + cycles + " violations=" + violations);
            assertEquals(0, violations, "predictions ran after the version was released (cycles=" + cycles + ")");
        }
    }

    // ---- 4. batch scoring: failures after the output is in place, temp files left -----------------------

    private Path csv(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String HEADER = "x,z,city,plan,flag\n";

    @Test
    void aFailedMoveOfTheRejectedFileLeavesNoOutput() throws Exception {
        Path input = csv("in.csv", HEADER + "0.3,4,lima,basic,false\n0.3,4,paris,basic,false\n");
        Path output = dir.resolve("out.csv");
        Path rejected = dir.resolve("rejected");
        Files.createDirectories(rejected.resolve("sub")); // a non-empty directory: the rename onto it fails
        assertThrows(java.io.UncheckedIOException.class, () -> BatchScoring.of(Serving.predictor(one, "toy"))
                .rejectedTo(rejected).score(input, output));
        // Javadoc: "@throws UncheckedIOException if a file cannot be read or written; no output is left then"
        assertFalse(Files.exists(output), "the scored file was left in place although score() threw");
    }

    @Test
    void aRejectedPathThatCannotBeCreatedLeavesNoTemporaryFile() throws Exception {
        Path input = csv("in.csv", HEADER + "0.3,4,lima,basic,false\n");
        Path outDir = Files.createDirectories(dir.resolve("outdir"));
        Path output = outDir.resolve("out.csv");
        Path blocker = csv("blocker", "a file, not a directory");
        assertThrows(java.io.UncheckedIOException.class, () -> BatchScoring.of(Serving.predictor(one, "toy"))
                .rejectedTo(blocker.resolve("rejected.csv")).score(input, output));
        try (Stream<Path> left = Files.list(outDir)) {
            List<Path> files = left.toList();
            assertEquals(List.of(), files, "temporary files left behind");
        }
    }

    // ---- 5. hostile values: error messages hold the whole value ---------------------------------------

    @Test
    void anEnormousUnknownCategoryIsShortenedInTheMessage() {
        Predictor predictor = Serving.predictor(one, "toy");
        String huge = "x".repeat(5_000_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> predictor.predict(
                Features.of("x", 0.3, "z", 4, "city", huge, "plan", "basic", "flag", false)));
        assertTrue(e.getMessage().length() < 10_000, "message length " + e.getMessage().length());
    }

    @Test
    void anEnormousUnknownCategoryInPredictAllIsShortenedAndCapped() {
        Predictor predictor = Serving.predictor(one, "toy");
        String big = "y".repeat(100_000);
        Features bad = Features.of("x", 0.3, "z", 4, "city", big, "plan", "basic", "flag", false, big, 1);
        List<Features> rows = java.util.Collections.nCopies(200, bad);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> predictor.predictAll(rows));
        assertTrue(e.getMessage().length() < 1_000_000, "message length " + e.getMessage().length());
    }

    // ---- test model: counts predictions made after its version was released -------------------------

    static final class ProbeModel implements FittedModel {
        static final AtomicBoolean released = new AtomicBoolean();
        static final AtomicLong afterRelease = new AtomicLong();
        final FittedModel inner;

        ProbeModel(FittedModel inner) {
            this.inner = inner;
        }

        @Override
        public Task task() {
            return inner.task();
        }

        @Override
        public Schema inputs() {
            return inner.inputs();
        }

        @Override
        public List<String> labels() {
            return inner.labels();
        }

        @Override
        public boolean probabilistic() {
            return inner.probabilistic();
        }

        @Override
        public Prediction predict(Features prepared) {
            if (released.get()) {
                afterRelease.incrementAndGet();
            }
            return inner.predict(prepared);
        }

        @Override
        public List<Prediction> predict(Frame prepared) {
            return inner.predict(prepared);
        }

        @Override
        public String format() {
            return ProbeFormat.NAME;
        }

        @Override
        public byte[] serialize() {
            return inner.serialize();
        }

        @Override
        public Map<String, String> backendVersions() {
            return Map.of();
        }
    }

    static final class ProbeFormat implements ModelFormat {
        static final String NAME = "review-probe";

        static ModelBundle wrap(ModelBundle good) {
            return ModelBundle.of(good.signature(), good.preparation(), new ProbeModel(good.model()), good.profile(),
                    good.metadata());
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, String> backendVersions() {
            return Map.of();
        }

        @Override
        public FittedModel read(byte[] model, Task task, Schema inputs, List<String> labels) {
            return new ProbeModel(ModelFormats.find("tribuo-protobuf").orElseThrow().read(model, task, inputs, labels));
        }
    }
}

package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.Retraining;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline.asRetraining on a tracked, cached, registering, deploying pipeline. */
class AsRetrainingAttackTest {

    @TempDir
    Path dir;

    @Test
    void trackedCachedRegisteringPipelineRegistersNothingAndRetrainsOnEachFreshFrame() {
        Tracker tracker = Tracking.local(dir.resolve("t"), LocalOptions.defaults().workingDirectory(null));
        try {
            ModelRegistry registry = tracker.registry();
            registry.register("toy", ModelSource.of(Toy.bundle(1).toBytes()));
            registry.setAlias("toy", "champion", 1);
            AtomicInteger deploys = new AtomicInteger();
            Retraining step = Pipeline.from("old", Toy.frame(100, 1)).target("y")
                    .prepare(Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)))
                    .train(Algorithms.tribuo().logisticRegression().seed(5))
                    .gate(Gates.beatsChampion("accuracy", 0.5))
                    .track(tracker, "adult").cache(dir.resolve("cache"))
                    .register(registry, "toy", "champion").deploy(v -> "deployed " + deploys.incrementAndGet())
                    .asRetraining();
            ModelBundle a = step.retrain(Toy.frame(300, 2));
            ModelBundle b = step.retrain(Toy.frame(1_000, 3));
            ModelBundle c = step.retrain(Toy.frame(300, 2));
            assertEquals(240, a.metadata().trainingRows());
            assertEquals(800, b.metadata().trainingRows());
            assertEquals(240, c.metadata().trainingRows());
            assertEquals(1, registry.versions("toy", true).size(), "nothing registered");
            assertEquals(1, registry.version("toy@champion").version());
            assertEquals(0, deploys.get(), "nothing deployed");
            var runs = tracker.experiment("adult").runs();
            assertEquals(3, runs.size());
            for (RunInfo run : runs) {
                assertEquals(RunStatus.FINISHED, run.status(), run.toString());
            }
            System.out.println("PROBE run names " + runs.stream().map(RunInfo::name).toList());
            assertTrue(b.metadata().metrics().containsKey("accuracy"));
        } finally {
            tracker.close();
        }
    }
}
